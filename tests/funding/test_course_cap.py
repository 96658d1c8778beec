"""The course cap counts from the per-day counts that database triggers keep: exact to the
moment, cancelled cheques off, and the cap holds when approvals for one course race."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests.funding.conftest import FundWorld
from vakmanschap.funding import course_cap
from vakmanschap.funding.cancellation import cancel_cheque
from vakmanschap.funding.cheques import create_cheques
from vakmanschap.funding.models import Cheque
from vakmanschap.funding.plans import PlanNotAllowed, approve, submit


def _approved(fund, courses=None, given_name="Sanne"):
    person = fund.participant(given_name=given_name, email=f"{given_name.lower()}@example.org")
    plan = submit(fund.plan(participant=person, courses=courses), by=fund.advisor)
    return approve(plan, by=fund.fund_officer).plan


def _since(days=1):
    return timezone.now() - datetime.timedelta(days=days)


def test_issued_cheques_count_and_cancelled_ones_stop_counting(fund):
    plan = _approved(fund, courses=[fund.course, fund.course_b])
    _approved(fund, given_name="Ahmed")
    assert course_cap.cheques_since([fund.course.pk, fund.course_b.pk], _since()) == {
        fund.course.pk: 2,
        fund.course_b.pk: 1,
    }
    cheque = Cheque.objects.get(plan=plan, plan_course__course=fund.course)
    cancel_cheque(cheque, by=fund.fund_officer, reason="Verkeerde cursus")
    assert course_cap.cheques_since([fund.course.pk], _since()) == {fund.course.pk: 1}
    assert course_cap.kept() == course_cap.recount()


def test_the_window_is_exact_to_the_moment(fund):
    """The window's first day comes from its cheques, the later days from their counts."""
    plan = _approved(fund, courses=[fund.course])
    _approved(fund, given_name="Ahmed")
    first, second = Cheque.objects.filter(plan_course__course=fund.course).order_by("pk")
    moment = timezone.now().replace(hour=15, minute=0, second=0, microsecond=0)
    early = moment - datetime.timedelta(days=40)
    Cheque.objects.filter(pk=first.pk).update(issued_at=early)  # the trigger moves it
    Cheque.objects.filter(pk=second.pk).update(issued_at=moment - datetime.timedelta(days=3))
    assert course_cap.kept() == course_cap.recount()
    count = course_cap.cheques_since
    course = fund.course.pk
    assert count([course], early) == {course: 2}
    assert count([course], early + datetime.timedelta(microseconds=1)) == {course: 1}
    assert count([course], early - datetime.timedelta(hours=14)) == {course: 2}  # the day before
    assert count([course], moment - datetime.timedelta(days=2)) == {course: 0}
    assert count([fund.course_b.pk], early) == {fund.course_b.pk: 0}
    assert plan.state == "approved"


def test_the_counts_follow_every_writer(fund):
    """Triggers, not the application, keep the counts: a bulk update and a delete too."""
    _approved(fund, courses=[fund.course, fund.course_b])
    _approved(fund, given_name="Ahmed")
    Cheque.objects.filter(plan_course__course=fund.course).update(
        issued_at=timezone.now() - datetime.timedelta(days=10)
    )
    Cheque.objects.filter(plan_course__course=fund.course_b).update(state="expired")
    assert course_cap.kept() == course_cap.recount()
    assert sum(course_cap.kept().values()) == 3
    unfunded = submit(
        fund.plan(fund.participant(given_name="Noor", email="noor@example.org")), by=fund.advisor
    )
    cheques, _codes = create_cheques(unfunded)  # no money reserved yet: no ledger entries
    assert sum(course_cap.kept().values()) == 4
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM funding_cheque WHERE id = %s", [cheques[0].pk])
    assert course_cap.kept() == course_cap.recount()
    assert sum(course_cap.kept().values()) == 3


def test_the_count_reads_day_counts_and_one_days_cheques_by_index(postgres_only, fund):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    sql, params = course_cap.counts_statement([fund.course.pk, fund.course_b.pk], _since(365))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan" not in plan, plan
    assert "course_cheque_day_unique" in plan, plan
    assert "cheque_issued_at" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_the_cap_holds_when_approvals_for_one_course_race(postgres_only):
    fund = FundWorld(allocated=10_000_000)
    fund.scheme.course_cheque_cap = 3
    fund.scheme.save()
    plans = [
        submit(
            fund.plan(participant=fund.participant(given_name=f"P{n}", email=f"p{n}@example.org")),
            by=fund.advisor,
        )
        for n in range(8)
    ]
    outcomes: list[str] = []
    start = threading.Barrier(len(plans))

    def worker(plan):
        try:
            start.wait()
            approve(plan, by=fund.fund_officer)
            outcomes.append("approved")
        except PlanNotAllowed:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved"] * 3 + ["refused"] * 5
    assert Cheque.objects.filter(plan_course__course=fund.course).count() == 3
    assert course_cap.cheques_since([fund.course.pk], _since()) == {fund.course.pk: 3}


def test_the_bench_fill_counts_its_cheques_once(db):
    """The fill loads cheques with the triggers off (PostgreSQL) and counts them at the end."""
    from vakmanschap.accounts.models import User
    from vakmanschap.funding import bench

    bench.fill(60, User.objects.create(email="bench@example.org"))
    assert course_cap.kept() == course_cap.recount()
    assert sum(course_cap.kept().values()) == Cheque.objects.count() > 0
