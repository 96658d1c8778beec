"""Nominations, vacancies and participant profiles now belong to their own apps
(`nominations`, `vacancies`). Their tables keep their names and data; this only removes the models
from `network`'s migration state and hands their content types (and so their audit trail) over."""

from django.db import migrations

MOVED = {"nomination": "nominations", "participantprofile": "vacancies", "vacancy": "vacancies",
         "vacancymatch": "vacancies"}


def hand_over_content_types(apps, schema_editor, forward=True):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, app in MOVED.items():
        old, new = ("network", app) if forward else (app, "network")
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def hand_back_content_types(apps, schema_editor):
    hand_over_content_types(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("network", "0002_nominations_vacancies"),
        ("nominations", "0001_initial"),
        ("vacancies", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="VacancyMatch"),
                migrations.DeleteModel(name="Vacancy"),
                migrations.DeleteModel(name="ParticipantProfile"),
                migrations.DeleteModel(name="Nomination"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(hand_over_content_types, hand_back_content_types),
    ]
