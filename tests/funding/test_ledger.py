import datetime

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import bare_cheques
from vakmanschap.funding import ledger
from vakmanschap.funding.models import BudgetPeriod, FundingStream, LedgerCheckpoint, LedgerEntry


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
    one, two = bare_cheques(period, 2)
    ledger.post(period.pk, "reserve", 300_000, one)
    ledger.post(period.pk, "reserve", 200_000, two)
    ledger.post(period.pk, "release", 200_000, two)
    ledger.post(period.pk, "commit", 300_000, one)
    ledger.post(period.pk, "pay", 250_000, one)
    ledger.post(period.pk, "recover", 50_000, one)
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
        ledger.post(period.pk, "reserve", 100_001, bare_cheques(period, 1)[0])
    assert LedgerEntry.objects.filter(period=period).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, amount", [("release", 1), ("commit", 1), ("pay", 1), ("recover", 1)]
)
def test_a_movement_cannot_draw_from_an_empty_bucket(kind, amount):
    period = make_period(allocated=100_000)
    with pytest.raises(ledger.LedgerError):
        ledger.post(period.pk, kind, amount, bare_cheques(period, 1)[0])


@pytest.mark.django_db
def test_a_cheque_cannot_release_money_held_for_another():
    period = make_period(allocated=100_000)
    one, two = bare_cheques(period, 2)
    ledger.post(period.pk, "reserve", 60_000, one)
    with pytest.raises(ledger.LedgerError):
        ledger.post(period.pk, "release", 10_000, two)


@pytest.mark.django_db
def test_only_an_allocation_is_posted_without_a_cheque():
    period = make_period(allocated=100_000)
    [cheque] = bare_cheques(period, 1)
    with pytest.raises(ledger.LedgerError):
        ledger.post(period.pk, "reserve", 1_000)
    with pytest.raises(ledger.LedgerError):
        ledger.post(period.pk, "allocate", 1_000, cheque)
    assert LedgerEntry.objects.filter(period=period).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, with_cheque", [("reserve", False), ("pay", False), ("allocate", True)]
)
def test_the_database_refuses_an_entry_with_the_wrong_cheque_reference(kind, with_cheque):
    """Past `ledger.post` (a bulk insert, a script): the check constraint still refuses a
    movement without its cheque and an allocation with one."""
    period = make_period(allocated=100_000)
    [cheque] = bare_cheques(period, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.bulk_create(
            [
                LedgerEntry(
                    period=period,
                    kind=kind,
                    amount_cents=1_000,
                    cheque=cheque if with_cheque else None,
                )
            ]
        )
    assert LedgerEntry.objects.filter(period=period).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_an_entry_for_a_cheque_that_does_not_exist():
    period = make_period(allocated=100_000)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(period=period, kind="reserve", amount_cents=1, cheque_id=999_999)
        connection.check_constraints(table_names=["funding_ledgerentry"])


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
    cheques = bare_cheques(period, 4)
    for kind, amount, n in operations:
        try:
            ledger.post(period.pk, kind, amount, None if kind == "allocate" else cheques[n - 1])
        except ledger.LedgerError:
            pass
        b = ledger.balances(period)
        assert b.reserved + b.committed + b.paid - b.recovered <= b.allocated
        assert min(b.reserved, b.committed, b.paid, b.paid - b.recovered) >= 0
        for cheque in cheques:
            r = ledger.cheque_balances(period.pk, cheque.pk)
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
    cheques = bare_cheques(period, 4)
    with override_settings(LEDGER_CHECKPOINT_EVERY=every):
        for kind, amount, n in operations:
            try:
                ledger.post(period.pk, kind, amount, None if kind == "allocate" else cheques[n - 1])
            except ledger.LedgerError:
                pass
    entries = LedgerEntry.objects.filter(period=period)
    plain = entries.aggregate(
        **{k: Sum("amount_cents", filter=Q(kind=k)) for k in EntryKind.values}
    )
    assert ledger.balances(period) == ledger.Balances.from_sums(plain)
    if entries.count() >= every:
        assert LedgerCheckpoint.objects.filter(period=period).exists()


@pytest.mark.django_db
def test_reservations_are_all_or_nothing_and_leave_the_transaction_usable():
    period = make_period(allocated=100_000)
    one, two, three = bare_cheques(period, 3)
    with transaction.atomic():
        with pytest.raises(ledger.InsufficientFunds):
            ledger.post_reservations(
                period.pk, [(one.pk, 60_000), (two.pk, 60_000)], reason_code="ledger.plan_approved"
            )
        assert not LedgerEntry.objects.filter(kind="reserve").exists()
        # The refusal wrote nothing and did not spoil the caller's transaction.
        ledger.post_reservations(
            period.pk, [(one.pk, 60_000), (three.pk, 40_000)], reason_code="ledger.plan_approved"
        )
    balances = ledger.balances(period)
    assert (balances.reserved, balances.available) == (100_000, 0)
    assert ledger.cheque_balances(period.pk, three.pk).reserved == 40_000
    assert not ledger.cheque_balances(period.pk, two.pk).reserved


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reservation, reason_code",
    [
        ((True, 0), "ledger.plan_approved"),  # cheque id filled in below
        ((True, True), "ledger.plan_approved"),
        ((True, 1.5), "ledger.plan_approved"),
        ((None, 1_000), "ledger.plan_approved"),
        ((True, 1_000), "ledger.no_such_reason"),
    ],
)
def test_bad_reservations_write_nothing(reservation, reason_code):
    period = make_period(allocated=100_000)
    (cheque,) = bare_cheques(period, 1)
    cheque_id = cheque.pk if reservation[0] is True else None
    with pytest.raises(ledger.LedgerError):
        ledger.post_reservations(period.pk, [(cheque_id, reservation[1])], reason_code=reason_code)
    assert not LedgerEntry.objects.filter(kind="reserve").exists()


@pytest.mark.django_db
def test_reservations_write_the_checkpoint_when_due(settings):
    settings.LEDGER_CHECKPOINT_EVERY = 3
    period = make_period(allocated=100_000)  # one entry since no checkpoint
    cheques = bare_cheques(period, 2)
    ledger.post_reservations(
        period.pk, [(c.pk, 10_000) for c in cheques], reason_code="ledger.plan_approved"
    )
    checkpoint = LedgerCheckpoint.objects.get(period=period)
    assert checkpoint.last_entry_id == LedgerEntry.objects.latest("id").pk
    assert (checkpoint.allocate, checkpoint.reserve) == (100_000, 20_000)
    assert ledger.balances(period).available == 80_000
