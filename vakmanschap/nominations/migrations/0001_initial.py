"""The nominations models moved out of `network`: only the migration state changes; the tables
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
        ('funding', '0006_cheque_issued_at_index'),
        ('organisations', '0001_initial'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Nomination',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('given_name', models.CharField(max_length=100, verbose_name='given name')),
                        ('family_name', models.CharField(max_length=150, verbose_name='family name')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                        ('current_job', models.CharField(max_length=200, verbose_name='current job')),
                        ('work_situation', models.CharField(choices=[('employed_full_time', 'Employed full time'), ('part_time_wants_more', 'Employed part time and wanting more hours'), ('status_holder', 'Status holder')], default='part_time_wants_more', max_length=24, verbose_name='work situation')),
                        ('hours_now', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='hours per week now')),
                        ('extra_hours_offer', models.PositiveSmallIntegerField(default=0, help_text='The extra hours per week you offer once the training is completed; 0 for none.', validators=[django.core.validators.MaxValueValidator(40)], verbose_name='more hours after training (hours per week)')),
                        ('co_financing_cents', models.PositiveIntegerField(default=0, verbose_name='co-financing by the employer')),
                        ('status', models.CharField(choices=[('invited', 'Invited'), ('consented', 'Consented'), ('declined', 'Declined')], default='invited', max_length=12, verbose_name='status')),
                        ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('expires_at', models.DateTimeField(verbose_name='expires at')),
                        ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='responded at')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('ledger_entry', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='funding.ledgerentry')),
                        ('nominated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='nominated by')),
                        ('organisation', models.ForeignKey(limit_choices_to={'kind': 'employer'}, on_delete=django.db.models.deletion.CASCADE, related_name='nominations', to='organisations.organisation', verbose_name='employer')),
                        ('participant', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='nomination', to='people.participant', verbose_name='participant')),
                        ('target_occupation', models.ForeignKey(limit_choices_to={'kind': 'occupation'}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='esco.concept', verbose_name='shortage occupation')),
                    ],
                    options={
                        'verbose_name': 'nomination',
                        'verbose_name_plural': 'nominations',
                        'db_table': 'network_nomination',
                        'ordering': ['-created_at'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('status', 'consented'), _negated=True), ('responded_at__isnull', False), _connector='OR'), name='network_nomination_consent_has_date')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
