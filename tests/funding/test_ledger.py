import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vakmanschap.funding import ledger
from vakmanschap.funding.models import BudgetPeriod, FundingStream, LedgerEntry


def make_period(allocated=0, name="Regio Deal Twente"):
    stream, _ = FundingStream.objects.get_or_create(name=name)
    start = datetime.date(2026, 1, 1) + datetime.timedelta(days=BudgetPeriod.objects.count())
    period = BudgetPeriod.objects.create(
        stream=stream, start=start, end=datetime.date(2030, 12, 31)
    )
    if allocated:
        ledger.post(period.pk, "allocate", allocated)
    return period


@pytest.mark.django_db
def test_money_flows_through_the_buckets():
    period = make_period(allocated=1_000_000)
    ledger.post(period.pk, "reserve", 300_000, "cheque:1")
    ledger.post(period.pk, "reserve", 200_000, "cheque:2")
    ledger.post(period.pk, "release", 200_000, "cheque:2")
    ledger.post(period.pk, "commit", 300_000, "cheque:1")
    ledger.post(period.pk, "pay", 250_000, "cheque:1")
    ledger.post(period.pk, "recover", 50_000, "cheque:1")
    b = ledger.balances(period)
    assert (b.allocated, b.reserved, b.committed, b.paid, b.recovered) == (
        1_000_000,
        0,
        50_000,
        250_000,
        50_000,
    )
    assert b.available == 1_000_000 - 50_000 - 250_000 + 50_000


@pytest.mark.django_db
def test_reserving_more_than_available_is_refused_and_nothing_is_written():
    period = make_period(allocated=100_000)
    with pytest.raises(ledger.InsufficientFunds):
        ledger.post(period.pk, "reserve", 100_001, "cheque:1")
    assert LedgerEntry.objects.filter(period=period).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, amount", [("release", 1), ("commit", 1), ("pay", 1), ("recover", 1)]
)
def test_a_movement_cannot_draw_from_an_empty_bucket(kind, amount):
    period = make_period(allocated=100_000)
    with pytest.raises(ledger.LedgerError):
        ledger.post(period.pk, kind, amount, "cheque:9")


@pytest.mark.django_db
def test_a_reference_cannot_release_money_held_for_another():
    period = make_period(allocated=100_000)
    ledger.post(period.pk, "reserve", 60_000, "cheque:1")
    with pytest.raises(ledger.LedgerError):
        ledger.post(period.pk, "release", 10_000, "cheque:2")


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [0, -5, 1.5, "100", True])
def test_amounts_must_be_positive_whole_cents(amount):
    period = make_period()
    with pytest.raises(ledger.LedgerError):
        ledger.post(period.pk, "allocate", amount)


@pytest.mark.django_db
def test_entries_are_append_only_in_python():
    period = make_period(allocated=100)
    entry = LedgerEntry.objects.get(period=period)
    entry.amount_cents = 1
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        LedgerEntry.objects.filter(period=period).update(amount_cents=1)


@pytest.mark.django_db
def test_entries_are_append_only_in_postgresql(postgres_only):
    period = make_period(allocated=100)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE funding_ledgerentry SET amount_cents = 1 WHERE period_id = %s", [period.pk]
        )


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["allocate", "reserve", "release", "commit", "decommit", "pay", "recover"]),
        st.integers(min_value=1, max_value=500_000),
        st.integers(min_value=1, max_value=4),  # which cheque
    ),
    max_size=40,
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(OPERATIONS)
def test_no_sequence_of_movements_ever_breaks_the_invariant(operations):
    period = make_period()
    for kind, amount, cheque in operations:
        try:
            ledger.post(period.pk, kind, amount, "" if kind == "allocate" else f"cheque:{cheque}")
        except ledger.LedgerError:
            pass
        b = ledger.balances(period)
        assert b.reserved + b.committed + b.paid - b.recovered <= b.allocated
        assert min(b.reserved, b.committed, b.paid, b.paid - b.recovered) >= 0
        for n in range(1, 5):
            r = ledger.reference_balances(period.pk, f"cheque:{n}")
            assert min(r.reserved, r.committed, r.paid - r.recovered) >= 0


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(OPERATIONS, st.integers(min_value=1, max_value=5))
def test_checkpoints_give_the_same_balances_as_summing_every_entry(operations, every):
    from django.db.models import Q, Sum
    from django.test import override_settings

    from vakmanschap.funding.models import EntryKind, LedgerCheckpoint

    period = make_period()
    with override_settings(LEDGER_CHECKPOINT_EVERY=every):
        for kind, amount, cheque in operations:
            try:
                ledger.post(
                    period.pk, kind, amount, "" if kind == "allocate" else f"cheque:{cheque}"
                )
            except ledger.LedgerError:
                pass
    entries = LedgerEntry.objects.filter(period=period)
    plain = entries.aggregate(
        **{k: Sum("amount_cents", filter=Q(kind=k)) for k in EntryKind.values}
    )
    assert ledger.balances(period) == ledger.Balances.from_sums(plain)
    if entries.count() >= every:
        assert LedgerCheckpoint.objects.filter(period=period).exists()
