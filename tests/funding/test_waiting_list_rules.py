"""A waiting plan is funded only if it still meets the scheme's rules when its turn comes, and
the budget queue never waits for a course that an approval holds."""

import threading

import pytest
from django.db import connections, transaction
from django.utils import translation
from django_fsm_log.models import StateLog

from tests.factories import bare_cheques
from tests.funding.conftest import FundWorld
from vakmanschap.core import coded
from vakmanschap.funding import ledger
from vakmanschap.funding.budget_queue import expire_overdue, fund_waiting_plans
from vakmanschap.funding.cheques import create_cheques
from vakmanschap.funding.models import Cheque, PlanCourse, PlanState
from vakmanschap.funding.plans import approve, submit


def _queued(fund, given_name, course):
    """A submitted plan for `course` that the fund officer approved into the waiting list."""
    person = fund.participant(given_name=given_name, email=f"{given_name.lower()}@example.org")
    plan = submit(fund.plan(participant=person, courses=[course]), by=fund.advisor)
    assert approve(plan, by=fund.fund_officer).plan.state == PlanState.WAITING_LIST
    return plan


def _cheques_for(course):
    return Cheque.objects.filter(plan_course__course=course).count()


def _capped_at_one_and_no_money_left(fund):
    fund.scheme.course_cheque_cap = 1
    fund.scheme.save()
    return _no_money_left(fund)


def _no_money_left(fund):
    [hold] = bare_cheques(fund.period, 1)
    ledger.post(fund.period.pk, "reserve", ledger.balances(fund.period).available, hold)
    return hold


@pytest.mark.django_db
def test_a_plan_whose_course_filled_up_while_it_waited_leaves_the_queue(fund):
    hold = _capped_at_one_and_no_money_left(fund)
    full = _queued(fund, "Bas", fund.course)
    behind = _queued(fund, "Cor", fund.course_b)
    # While both wait, another route fills the course's single place.
    others = submit(
        fund.plan(fund.participant(given_name="Dina", email="dina@example.org")), by=fund.advisor
    )
    create_cheques(others)
    assert _cheques_for(fund.course) == 1
    ledger.post(fund.period.pk, "release", ledger.balances(fund.period).reserved, hold)

    assert fund_waiting_plans(fund.period.pk) == [behind]  # the first no longer blocks it
    full.refresh_from_db()
    assert full.state == PlanState.SUBMITTED  # for a fund officer to decide again
    assert not Cheque.objects.filter(plan=full).exists()
    assert {r["rule"]: r["ok"] for r in full.eligibility}["course_cap"] is False
    log = StateLog.objects.for_(full).latest("timestamp")
    assert (log.state, log.by) == (PlanState.SUBMITTED, None)
    with translation.override("nl"):
        assert coded.render(log.description).startswith("Van de wachtlijst gehaald")
    with translation.override("en"):
        assert coded.render(log.description).startswith("Taken off the waiting list")
    assert _cheques_for(fund.course) == 1  # the cap held


@pytest.mark.django_db
def test_a_plan_that_still_meets_the_rules_is_funded_as_before(fund):
    hold = _capped_at_one_and_no_money_left(fund)
    plan = _queued(fund, "Bas", fund.course)
    ledger.post(fund.period.pk, "release", ledger.balances(fund.period).reserved, hold)
    assert expire_overdue() == 0  # the daily run funds every queue, not only after an expiry
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    assert _cheques_for(fund.course) == 1


@pytest.mark.django_db(transaction=True)
def test_the_queue_passes_over_a_course_an_approval_holds_instead_of_waiting(postgres_only):
    fund = FundWorld()
    hold = _no_money_left(fund)
    plan = _queued(fund, "Bas", fund.course)
    ledger.post(fund.period.pk, "release", ledger.balances(fund.period).reserved, hold)
    locked, done = threading.Event(), threading.Event()

    def approval_in_flight():  # holds the course row as an approval does, until told to stop
        try:
            with transaction.atomic():
                list(
                    PlanCourse.objects.filter(plan=plan)
                    .select_for_update(of=("course",), no_key=True)
                    .select_related("course")
                )
                locked.set()
                done.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=approval_in_flight)
    holder.start()
    try:
        assert locked.wait(10)
        assert fund_waiting_plans(fund.period.pk) == []  # at once: no wait, no deadlock
        plan.refresh_from_db()
        assert plan.state == PlanState.WAITING_LIST
    finally:
        done.set()
        holder.join()
    assert fund_waiting_plans(fund.period.pk) == [plan]
