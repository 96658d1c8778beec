"""The shortage list's free-text region becomes a foreign key to a labour-market region; the
regions named in existing lists are made."""

import django.db.models.deletion
from django.db import migrations, models

import vakmanschap.region.models


def regions_from_slugs(apps, schema_editor):
    Region = apps.get_model("region", "LabourMarketRegion")
    ShortageList = apps.get_model("esco", "ShortageList")
    for slug in ShortageList.objects.values_list("legacy_region", flat=True).distinct():
        region, _created = Region.objects.get_or_create(
            code=slug, defaults={"name": slug.replace("-", " ").title()}
        )
        ShortageList.objects.filter(legacy_region=slug).update(region=region)


def region_field(**extra):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name="shortage_lists",
        to="region.labourmarketregion",
        verbose_name="labour-market region",
        **extra,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("esco", "0002_covered_fk_indexes"),
        ("region", "0002_labourmarketregion_municipality_region"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="shortagelist", name="esco_shortage_unique_version"),
        migrations.RemoveConstraint(
            model_name="shortagelist", name="esco_shortage_unique_open_version"
        ),
        migrations.RenameField(
            model_name="shortagelist", old_name="region", new_name="legacy_region"
        ),
        migrations.AddField(
            model_name="shortagelist", name="region", field=region_field(null=True)
        ),
        migrations.RunPython(regions_from_slugs, migrations.RunPython.noop),
        migrations.RemoveField(model_name="shortagelist", name="legacy_region"),
        # The database gets NOT NULL without a default; the model's default is Python-side.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterField(
                    model_name="shortagelist", name="region", field=region_field()
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="shortagelist",
                    name="region",
                    field=region_field(default=vakmanschap.region.models.home_region_pk),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="shortagelist",
            constraint=models.UniqueConstraint(
                fields=("region", "valid_from", "valid_to", "content_hash"),
                name="esco_shortage_unique_version",
            ),
        ),
        migrations.AddConstraint(
            model_name="shortagelist",
            constraint=models.UniqueConstraint(
                condition=models.Q(("valid_to__isnull", True)),
                fields=("region", "valid_from", "content_hash"),
                name="esco_shortage_unique_open_version",
            ),
        ),
    ]
