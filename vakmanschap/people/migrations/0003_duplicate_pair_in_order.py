"""Each possible-duplicate pair is stored once, lower id first. Existing rows are put in order;
where both orders exist, the decided row (or else the older one) is kept."""

from django.conf import settings
from django.db import migrations, models


def order_pairs(apps, schema_editor):
    Candidate = apps.get_model("people", "DuplicateCandidate")
    kept = {}
    for row in Candidate.objects.order_by("pk"):
        key = tuple(sorted([row.participant_id, row.other_id]))
        best = kept.get(key)
        if best is None or (best.status == "open" and row.status != "open"):
            if best is not None:
                best.delete()
            kept[key] = row
        else:
            row.delete()
    for (low, high), row in kept.items():
        if (row.participant_id, row.other_id) != (low, high):
            Candidate.objects.filter(pk=row.pk).update(participant_id=low, other_id=high)


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0002_advice_organisation_and_transfers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='duplicatecandidate',
            name='duplicate_not_self',
        ),
        migrations.RunPython(order_pairs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='duplicatecandidate',
            constraint=models.CheckConstraint(condition=models.Q(('participant__lt', models.F('other'))), name='duplicate_pair_in_order'),
        ),
    ]
