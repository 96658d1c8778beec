"""Many approvals at once on PostgreSQL never overdraw a budget period."""

import datetime
import threading

import pytest
from django.db import connection, connections

from tests.factories import bare_cheques
from vakmanschap.funding import ledger
from vakmanschap.funding.models import BudgetPeriod, FundingStream

WORKERS = 16
ATTEMPTS_PER_WORKER = 10
AMOUNT = 250_000  # € 2.500 per approval
ALLOCATED = 25 * AMOUNT + 100_000  # room for exactly 25 of the 160 attempts


@pytest.mark.django_db(transaction=True)
def test_concurrent_reservations_never_overdraw(postgres_only):
    assert connection.vendor == "postgresql"
    stream = FundingStream.objects.create(name="Provincie Overijssel")
    period = BudgetPeriod.objects.create(
        stream=stream, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    ledger.post(period.pk, "allocate", ALLOCATED)
    cheques = bare_cheques(period, WORKERS)  # each worker reserves again and again for one
    outcomes: list[str] = []
    start = threading.Barrier(WORKERS)

    def worker(n):
        try:
            start.wait()
            for _attempt in range(ATTEMPTS_PER_WORKER):
                try:
                    ledger.post(period.pk, "reserve", AMOUNT, cheques[n])
                    outcomes.append("ok")
                except ledger.InsufficientFunds:
                    outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    balances = ledger.balances(period)
    assert outcomes.count("ok") == 25
    assert outcomes.count("refused") == WORKERS * ATTEMPTS_PER_WORKER - 25
    assert balances.reserved == 25 * AMOUNT
    assert balances.available == 100_000


@pytest.mark.django_db(transaction=True)
def test_concurrent_plan_reservations_never_overdraw(postgres_only):
    """An approval reserves all of a plan's cheques under one lock and one balance check:
    two cheques at a time, never one of the pair without the other, never past the budget."""
    stream = FundingStream.objects.create(name="Regio Deal Twente")
    period = BudgetPeriod.objects.create(
        stream=stream, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    ledger.post(period.pk, "allocate", ALLOCATED)
    cheques = bare_cheques(period, 2 * WORKERS)
    outcomes: list[str] = []
    start = threading.Barrier(WORKERS)

    def worker(n):
        pair = [(cheques[2 * n].pk, AMOUNT), (cheques[2 * n + 1].pk, AMOUNT // 2)]
        try:
            start.wait()
            for _attempt in range(ATTEMPTS_PER_WORKER):
                try:
                    ledger.post_reservations(period.pk, pair, reason_code="ledger.plan_approved")
                    outcomes.append("ok")
                except ledger.InsufficientFunds:
                    outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    pair_cents = AMOUNT + AMOUNT // 2
    fitting = ALLOCATED // pair_cents
    balances = ledger.balances(period)
    assert outcomes.count("ok") == fitting
    assert balances.reserved == fitting * pair_cents
    assert balances.available == ALLOCATED - fitting * pair_cents >= 0
    # Every cheque holds either nothing or its whole share: no pair was half reserved.
    for n in range(WORKERS):
        first = ledger.cheque_balances(period.pk, cheques[2 * n].pk).reserved
        second = ledger.cheque_balances(period.pk, cheques[2 * n + 1].pk).reserved
        assert first == 2 * second
