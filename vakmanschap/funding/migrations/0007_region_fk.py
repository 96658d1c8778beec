"""Schemes and funding streams point to a labour-market region. A scheme's free-text region
becomes the region of that code; existing streams go to the region of the latest scheme."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import vakmanschap.region.models


def fill_regions(apps, schema_editor):
    Region = apps.get_model("region", "LabourMarketRegion")
    Scheme = apps.get_model("funding", "Scheme")
    FundingStream = apps.get_model("funding", "FundingStream")
    for slug in Scheme.objects.values_list("legacy_region", flat=True).distinct():
        region, _created = Region.objects.get_or_create(
            code=slug, defaults={"name": slug.replace("-", " ").title()}
        )
        Scheme.objects.filter(legacy_region=slug).update(region=region)
    if FundingStream.objects.exists():
        latest = Scheme.objects.order_by("-valid_from").first()
        if latest is not None:
            region = latest.region
        else:
            code, name = settings.VAKMANSCHAP_HOME_REGION
            region, _created = Region.objects.get_or_create(code=code, defaults={"name": name})
        FundingStream.objects.update(region=region)


def region_field(related_name, **extra):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="region.labourmarketregion",
        verbose_name="labour-market region",
        **extra,
    )


SCHEME_HELP = "The shortage-occupation list of this region applies."


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0006_cheque_issued_at_index"),
        ("region", "0002_labourmarketregion_municipality_region"),
    ]

    operations = [
        migrations.RenameField(model_name="scheme", old_name="region", new_name="legacy_region"),
        migrations.AddField(
            model_name="scheme",
            name="region",
            field=region_field("schemes", null=True, help_text=SCHEME_HELP),
        ),
        migrations.AddField(
            model_name="fundingstream",
            name="region",
            field=region_field("funding_streams", null=True),
        ),
        migrations.RunPython(fill_regions, migrations.RunPython.noop),
        migrations.RemoveField(model_name="scheme", name="legacy_region"),
        # NOT NULL in the database; the model's default (the home region) is Python-side.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterField(
                    model_name="scheme",
                    name="region",
                    field=region_field("schemes", help_text=SCHEME_HELP),
                ),
                migrations.AlterField(
                    model_name="fundingstream",
                    name="region",
                    field=region_field("funding_streams"),
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="scheme",
                    name="region",
                    field=region_field(
                        "schemes",
                        help_text=SCHEME_HELP,
                        default=vakmanschap.region.models.home_region_pk,
                    ),
                ),
                migrations.AlterField(
                    model_name="fundingstream",
                    name="region",
                    field=region_field(
                        "funding_streams", default=vakmanschap.region.models.home_region_pk
                    ),
                ),
            ],
        ),
    ]
