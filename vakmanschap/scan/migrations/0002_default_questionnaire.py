"""Ship the default questionnaire (version 1, Dutch and English) and the instruments."""

from django.db import migrations


def forwards(apps, schema_editor):
    from vakmanschap.scan.defaults import load_defaults

    load_defaults(
        apps.get_model("scan", "Questionnaire"),
        apps.get_model("scan", "Dimension"),
        apps.get_model("scan", "Item"),
        apps.get_model("scan", "Instrument"),
    )


class Migration(migrations.Migration):
    dependencies = [("scan", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
