"""Chaos test: PostgreSQL is killed (pg_ctl stop -m immediate, as a crash) and started again while
approvals and redemptions run in threads. During the outage `/healthz` answers 503 JSON and the
work fails with a database error, never half-written; after the restart the same long-lived
connections serve again (CONN_HEALTH_CHECKS replaces the dead ones) and the ledger's invariants
hold: the balances derived from the checkpoints equal the plain sums, nothing is overdrawn, an
approved plan has its cheques and their reservations, a plan that was not approved has neither,
and no cheque is redeemed twice."""

import collections
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import DatabaseError, close_old_connections, connection, connections, transaction

from tests.delivery.conftest import BIRTH, DeliveryWorld
from vakmanschap.funding import ledger
from vakmanschap.funding.cheques import RedemptionError, redeem
from vakmanschap.funding.models import Cheque, ChequeState, LedgerEntry, TrainingPlan
from vakmanschap.funding.plans import PlanNotAllowed, approve, submit
from vakmanschap.testing import postgres

PLANS = 24
CODES = 16
DEADLINE_SECONDS = 40


def healthz(base_url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(f"{base_url}/healthz", timeout=10) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers["Content-Type"], answer.read()


class Worker(threading.Thread):
    """Works through a queue like a long-lived server process: one connection kept between
    units (CONN_MAX_AGE), checked before each unit as Django does at the start of a request.
    A unit that fails on the database goes back into the queue and is tried again."""

    def __init__(self, items, unit, refused):
        super().__init__(daemon=True)
        self.queue = collections.deque(items)
        self.unit, self.refused = unit, refused
        self.done, self.refusals, self.database_errors, self.crashes = [], [], 0, []
        self.deadline = time.monotonic() + DEADLINE_SECONDS

    def run(self):
        try:
            while self.queue and time.monotonic() < self.deadline:
                item = self.queue.popleft()
                close_old_connections()
                try:
                    with transaction.atomic():
                        result = self.unit(item)
                    # Counted once committed: a commit that fails is retried, and may then be
                    # done for real (when the crash lost the first one).
                    self.done.append(result)
                except self.refused:
                    self.refusals.append(item)
                except DatabaseError:
                    self.database_errors += 1
                    self.queue.append(item)
                    time.sleep(0.05)
                except Exception as crash:  # anything else is a defect the test reports
                    self.crashes.append(repr(crash))
        finally:
            connections.close_all()


@pytest.fixture
def durable_commits(postgres_only, transactional_db):
    """The throwaway cluster runs with synchronous_commit=off for speed, which loses the last
    commits in a crash; a real server keeps them, and so must this test's database."""
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {database} SET synchronous_commit = on")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {database} RESET synchronous_commit")


@pytest.mark.django_db(transaction=True)
def test_a_database_crash_during_approvals_and_redemptions_leaves_the_ledger_whole(
    durable_commits, live_server, settings, tmp_path
):
    assert postgres.RUNNING is not None, "the pytest plugin's cluster is not running"
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    settings.MEDIA_ROOT = tmp_path / "media"
    world = DeliveryWorld()
    # Cheques to redeem: each code is tried by two desks of the same provider at once.
    codes = []
    for n in range(CODES):
        participant = world.participant(family_name=f"Code {n}", email=f"c{n}@example.org")
        plan = world.plan(participant=participant)
        submit(plan, by=world.advisor)
        codes += approve(plan, by=world.fund_officer).codes.values()
    # Plans waiting for the fund officer's approval.
    waiting = []
    for n in range(PLANS):
        participant = world.participant(family_name=f"Plan {n}", email=f"w{n}@example.org")
        plan = world.plan(participant=participant)
        submit(plan, by=world.advisor)
        waiting.append(plan.pk)
    connections.close_all()

    def approve_one(plan_id):
        return approve(TrainingPlan.objects.get(pk=plan_id), by=world.fund_officer).plan.pk

    def redeem_one(code):
        cheque = redeem(
            provider=world.provider, user=world.provider_user, code=code, birth_date=BIRTH
        )
        return cheque.pk

    workers = [
        Worker(waiting, approve_one, PlanNotAllowed),
        Worker(codes, redeem_one, RedemptionError),
        Worker(codes, redeem_one, RedemptionError),
    ]
    for worker in workers:
        worker.start()
    while sum(len(w.done) for w in workers) < 4:
        time.sleep(0.01)

    postgres.RUNNING.stop("immediate")
    try:
        status, content_type, body = healthz(live_server.url)
        time.sleep(1)  # the workers keep trying against the dead server
    finally:
        postgres.RUNNING.start()
    assert status == 503 and content_type == "application/json"
    assert b'"database": false' in body

    for worker in workers:
        worker.join(DEADLINE_SECONDS + 5)
    connections.close_all()

    assert not [crash for w in workers for crash in w.crashes]
    # The outage was felt, and every unit was done in the end.
    print(
        "database errors during the outage:",
        {w.unit.__name__: w.database_errors for w in workers},
    )
    assert sum(w.database_errors for w in workers) > 0
    assert not any(w.queue for w in workers), "work left undone after the restart"
    assert healthz(live_server.url)[0] == 200

    # Approvals: all or nothing per plan. A commit lost in the crash may have been written
    # before the connection died; the retry is then refused, never done twice.
    approver = workers[0]
    for plan in TrainingPlan.objects.filter(pk__in=waiting).prefetch_related("cheques"):
        cheques = list(plan.cheques.all())
        if plan.state == "approved":
            assert len(cheques) == 1
            held = ledger.cheque_balances(world.period.pk, cheques[0].pk)
            assert held.reserved == cheques[0].amount_cents
        else:
            assert plan.state == "submitted" and not cheques
            assert plan.pk not in approver.done
    assert set(approver.done) | set(approver.refusals) == set(waiting)
    assert TrainingPlan.objects.filter(pk__in=waiting, state="approved").count() == PLANS

    # Redemptions: each code booked once, by one desk.
    booked = [pk for worker in workers[1:] for pk in worker.done]
    assert len(booked) == len(set(booked)) <= CODES
    assert Cheque.objects.filter(state=ChequeState.BOOKED).count() == CODES

    # The ledger: derived balances equal the plain sums, nothing below zero.
    entries = LedgerEntry.objects.filter(period=world.period)
    summed = ledger.Balances.from_sums(ledger._sums(entries))
    derived = ledger.balances(world.period.pk)
    assert derived == summed
    assert derived.available >= 0 and derived.reserved >= 0 and derived.committed >= 0
    assert derived.reserved == sum(
        c.amount_cents for c in Cheque.objects.filter(plan__funding_period=world.period)
    )
    assert entries.filter(kind="reserve").values("cheque").distinct().count() == (
        entries.filter(kind="reserve").count()
    ), "a cheque was reserved twice"
