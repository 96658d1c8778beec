"""Migration funding/0012 links the existing ledger entries to their cheques."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import bare_cheques
from tests.funding.test_ledger import make_period
from vakmanschap.funding import ledger
from vakmanschap.funding.models import LedgerEntry

BEFORE = [("funding", "0011_employer_stream_by_key")]
AFTER = [("funding", "0012_ledger_cheque_fk")]
migration = importlib.import_module("vakmanschap.funding.migrations.0012_ledger_cheque_fk")


def _migrate(targets=None):
    """Migrate to `targets`; without, back to the latest schema, which later tests expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def _insert_old_entry(period, kind, reference):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO funding_ledgerentry (period_id, kind, amount_cents, reference, reason, "
            "created_at) VALUES (%s, %s, %s, %s, '', CURRENT_TIMESTAMP)",
            [period.pk, kind, 1_000, reference],
        )


def _delete_old_entry(reference):
    trigger = "ALTER TABLE funding_ledgerentry {} TRIGGER funding_ledger_append_only"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(trigger.format("DISABLE"))
        cursor.execute("DELETE FROM funding_ledgerentry WHERE reference = %s", [reference])
        if connection.vendor == "postgresql":
            cursor.execute(trigger.format("ENABLE"))


@pytest.mark.django_db(transaction=True)
def test_existing_entries_are_linked_to_their_cheques():
    period = make_period(allocated=100_000)
    one, two = bare_cheques(period, 2)
    ledger.post(period.pk, "reserve", 5_000, one)
    try:
        _migrate(BEFORE)  # back to text references: the entry above becomes "cheque:<id>"
        _insert_old_entry(period, "reserve", f"cheque:{two.pk}")
        _insert_old_entry(period, "allocate", "nomination-7")
        _migrate(AFTER)
    finally:
        _migrate()
    linked = list(LedgerEntry.objects.order_by("pk").values_list("kind", "cheque_id"))
    assert linked == [
        ("allocate", None),
        ("reserve", one.pk),
        ("reserve", two.pk),
        ("allocate", None),
    ]
    assert ledger.cheque_balances(period.pk, two.pk).reserved == 1_000


@pytest.mark.django_db(transaction=True)
def test_a_reference_that_names_no_cheque_stops_the_migration():
    period = make_period(allocated=100_000)
    try:
        _migrate(BEFORE)
        _insert_old_entry(period, "reserve", "hold:test")
        with pytest.raises(migration.UnlinkedLedgerEntries, match="hold:test"):
            _migrate(AFTER)
        _delete_old_entry("hold:test")  # so the schema can move on
    finally:
        _migrate()
