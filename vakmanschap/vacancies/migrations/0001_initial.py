"""The vacancies models moved out of `network`: only the migration state changes; the tables
(`network_*`) stay as they are, with their data."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('network', '0002_nominations_vacancies'),
        ('esco', '0002_covered_fk_indexes'),
        ('organisations', '0001_initial'),
        ('people', '0001_initial'),
        ('region', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ParticipantProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('nt2_level', models.CharField(blank=True, choices=[('none', 'No Dutch yet'), ('A1', 'A1'), ('A2', 'A2'), ('B1', 'B1'), ('B2', 'B2'), ('C1', 'C1')], max_length=4, verbose_name='Dutch language level (NT2)')),
                        ('opt_in_vacancies', models.BooleanField(default=False, help_text='Your advisor hears about vacancies that fit your routes.', verbose_name='match me to vacancies and learning-work places')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('participant', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='network_profile', to='people.participant', verbose_name='participant')),
                    ],
                    options={
                        'verbose_name': 'participant profile (network)',
                        'verbose_name_plural': 'participant profiles (network)',
                        'db_table': 'network_participantprofile',
                    },
                ),
                migrations.CreateModel(
                    name='Vacancy',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('occupation_source', models.CharField(blank=True, choices=[('engine', 'matched by the skills engine'), ('staff', 'chosen by staff')], editable=False, max_length=8)),
                        ('occupation_score', models.FloatField(blank=True, editable=False, null=True)),
                        ('hours_per_week', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='hours per week')),
                        ('start_date', models.DateField(verbose_name='start date')),
                        ('bbl', models.BooleanField(default=False, verbose_name='learning on the job (BBL) offered')),
                        ('is_open', models.BooleanField(default=True, verbose_name='open')),
                        ('notified_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='region.municipality', verbose_name='municipality')),
                        ('occupation', models.ForeignKey(blank=True, limit_choices_to={'kind': 'occupation'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='esco.concept', verbose_name='ESCO occupation')),
                        ('organisation', models.ForeignKey(limit_choices_to={'kind': 'employer'}, on_delete=django.db.models.deletion.CASCADE, related_name='vacancies', to='organisations.organisation', verbose_name='employer')),
                    ],
                    options={
                        'verbose_name': 'vacancy',
                        'verbose_name_plural': 'vacancies',
                        'db_table': 'network_vacancy',
                        'ordering': ['start_date', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='VacancyMatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('handled_at', models.DateTimeField(blank=True, null=True)),
                        ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='vacancy_matches', to='people.participant')),
                        ('vacancy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='matches', to='vacancies.vacancy')),
                    ],
                    options={
                        'db_table': 'network_vacancymatch',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='vacancy',
                    index=models.Index(fields=['occupation', 'is_open'], name='network_vacancy_occ'),
                ),
                migrations.AddConstraint(
                    model_name='vacancymatch',
                    constraint=models.UniqueConstraint(fields=('vacancy', 'participant'), name='network_vacancy_match_once'),
                ),
            ],
            database_operations=[],
        ),
    ]
