"""Ledger entries point to their cheque by foreign key instead of the text "cheque:<id>".

Existing rows are linked from their reference; a reference that names no cheque stops the
migration with the entries it could not link, so no movement loses what it was for. The
ledger is append-only (a trigger from 0002 on PostgreSQL): the trigger is switched off for
the backfill only, inside the migration's transaction. An employer's co-financing
allocation keeps its typed link the other way round (`Nomination.ledger_entry`).
"""

import re

import django.db.models.deletion
from django.db import migrations, models

CHEQUE_REFERENCE = re.compile(r"cheque:(\d+)")


class UnlinkedLedgerEntries(RuntimeError):
    pass


def _append_only_trigger(schema_editor, action):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE funding_ledgerentry {action} TRIGGER funding_ledger_append_only"
        )


def link_cheques(apps, schema_editor):
    LedgerEntry = apps.get_model("funding", "LedgerEntry")
    Cheque = apps.get_model("funding", "Cheque")
    movements = LedgerEntry.objects.exclude(kind="allocate")
    references = set(movements.values_list("reference", flat=True).distinct())
    cheque_ids = set(Cheque.objects.values_list("pk", flat=True))
    unlinked = sorted(
        r
        for r in references
        if not (m := CHEQUE_REFERENCE.fullmatch(r)) or int(m.group(1)) not in cheque_ids
    )
    if unlinked:
        raise UnlinkedLedgerEntries(
            "Ledger movements whose reference names no cheque: " + ", ".join(unlinked[:10])
        )
    if not references:
        return
    _append_only_trigger(schema_editor, "DISABLE")
    # One statement, whatever the size of the ledger; every reference was checked above.
    schema_editor.execute(
        "UPDATE funding_ledgerentry SET cheque_id = CAST(SUBSTR(reference, 8) AS BIGINT) "
        "WHERE kind <> 'allocate'"
    )
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: ALTER TABLE refuses to run with checks pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
    _append_only_trigger(schema_editor, "ENABLE")


def restore_references(apps, schema_editor):
    if not apps.get_model("funding", "LedgerEntry").objects.exclude(kind="allocate").exists():
        return
    _append_only_trigger(schema_editor, "DISABLE")
    schema_editor.execute(
        "UPDATE funding_ledgerentry SET reference = 'cheque:' || CAST(cheque_id AS VARCHAR(20)) "
        "WHERE cheque_id IS NOT NULL"
    )
    _append_only_trigger(schema_editor, "ENABLE")


class Migration(migrations.Migration):
    dependencies = [("funding", "0011_employer_stream_by_key")]

    operations = [
        migrations.AddField(
            model_name="ledgerentry",
            name="cheque",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ledger_entries",
                to="funding.cheque",
                verbose_name="cheque",
            ),
        ),
        migrations.RemoveConstraint(model_name="ledgerentry", name="ledger_reference_required"),
        migrations.RunPython(link_cheques, restore_references),
        migrations.RemoveField(model_name="ledgerentry", name="reference"),
        migrations.AddConstraint(
            model_name="ledgerentry",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("cheque__isnull", True), ("kind", "allocate")))
                | models.Q(
                    models.Q(("kind", "allocate"), _negated=True), ("cheque__isnull", False)
                ),
                name="ledger_cheque_for_each_movement",
            ),
        ),
    ]
