"""The busiest pages and API calls run a pinned number of SQL queries, with several rows each,
so a query per row (N+1) shows up as a changed count. Counts: tests/query_counts.py."""

import datetime

import pytest
from django.urls import reverse

from tests.api.test_fund_workflow_api import client_for
from tests.funding.conftest import FundWorld
from vakmanschap.funding import ledger
from vakmanschap.funding.models import BudgetPeriod, TrainingPlan
from vakmanschap.funding.plans import approve, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(db):
    """Three participants, each with a submitted plan."""
    fund = FundWorld()
    for n in range(3):
        participant = fund.participant(given_name=f"Deelnemer {n}", email=f"d{n}@example.org")
        submit(fund.plan(participant=participant), by=fund.advisor)
    return fund


def _get(client, user, url, pinned_queries, name):
    client.force_login(user)
    with pinned_queries(name):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_start_page(client, busy, pinned_queries):
    _get(client, busy.fund_officer, reverse("ui:start"), pinned_queries, "start page, fund officer")


def test_needs_action(client, busy, pinned_queries):
    url = reverse("notifications:needs_action")
    _get(client, busy.fund_officer, url, pinned_queries, "needs action, fund officer")


def test_plan_list(client, busy, pinned_queries):
    url = reverse("funding:plan_list")
    _get(client, busy.fund_officer, url, pinned_queries, "plan list, fund officer")


def test_caseload(client, busy, pinned_queries):
    _get(client, busy.advisor, reverse("people:caseload"), pinned_queries, "caseload, advisor")


def test_plan_detail(client, busy, pinned_queries):
    plan = TrainingPlan.objects.first()
    url = reverse("funding:plan_detail", args=[plan.pk])
    _get(client, busy.advisor, url, pinned_queries, "plan detail, advisor")


def test_api_course_list(busy, pinned_queries):
    api = client_for(busy.advisor)
    with pinned_queries("API courses, advisor"):
        response = api.get("/api/v1/courses")
    assert response.status_code == 200


def test_budget_page_queries_do_not_grow_with_the_periods(client, busy, pinned_queries, settings):
    settings.LEDGER_CHECKPOINT_EVERY = 3  # checkpoints and tails both in play
    for year in range(2036, 2043):  # eight periods in all
        period = BudgetPeriod.objects.create(
            stream=busy.period.stream,
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
        )
        for amount in (100, 200, 300, 400, 500)[: year % 5 + 1]:
            ledger.post(period.pk, "allocate", amount, actor=busy.fund_officer)
    url = reverse("funding:budget")
    page = _get(client, busy.fund_officer, url, pinned_queries, "budget page, fund officer")
    rows = page.context["rows"]
    assert len(rows) == BudgetPeriod.objects.count() == 8
    for period, shown, _form in rows:
        assert shown == ledger.balances(period)


def test_oversight(client, busy, pinned_queries):
    """The fund's signals: one query per signal, however many cheques and plans there are."""
    url = reverse("oversight:dashboard")
    _get(client, busy.fund_officer, url, pinned_queries, "oversight, fund officer")


def test_resident_start_page(client, pinned_queries):
    """The resident's start page: session, the account with its memberships, participant, plans,
    the labels of their occupations and the cheques of all plans (one query each), conversations;
    read without a transaction."""
    from tests.ui.fund_path import FundPath

    path = FundPath()
    for name in ("sign_up", "schedule_conversation", "hold_conversation", "submit_plan"):
        getattr(path, name)()
    path.approve()
    page = _get(client, path.resident, reverse("ui:start"), pinned_queries, "start page, resident")
    assert page.context["cheques"] == [path.cheque]
    assert page.context["progress"].state_of("cheque") == "done"


def test_start_page_of_a_resident_who_just_signed_up(client, pinned_queries):
    """Session, the account with its memberships, and the participant, who has neither plans nor
    conversations to read (the participant's row says so)."""
    from tests.ui.fund_path import FundPath

    path = FundPath()
    path.sign_up()
    page = _get(
        client, path.resident, reverse("ui:start"), pinned_queries, "start page, new resident"
    )
    assert page.context["plans"] == [] and page.context["cheques"] == []
    assert page.context["progress"].state_of("conversation") == "now"
    assert "loopbaanadviseur neemt contact met u op" in page.context["progress"].next_step


def test_plan_approval(busy, pinned_queries):
    """The approval itself (rules, cheques, audit and state logs, the reservation under the
    budget lock), for a plan with two courses; the e-mails are enqueued after the commit. One
    approval first, as a running server has done: the content types are cached from then on."""
    approve(TrainingPlan.objects.filter(state="submitted").first(), by=busy.fund_officer)
    plan = submit(busy.plan(courses=[busy.course, busy.course_b]), by=busy.advisor)
    reserved = ledger.balances(busy.period).reserved
    with pinned_queries("plan approval, two courses"):
        decision = approve(plan, by=busy.fund_officer)
    assert decision.plan.state == "approved"
    assert len(decision.codes) == 2
    assert ledger.balances(busy.period).reserved == reserved + 250_000
