"""The busiest pages and API calls run a pinned number of SQL queries, with several rows each,
so a query per row (N+1) shows up as a changed count. Counts: tests/query_counts.py."""

import pytest
from django.urls import reverse

from tests.api.test_fund_workflow_api import client_for
from tests.funding.conftest import FundWorld
from vakmanschap.funding.models import TrainingPlan
from vakmanschap.funding.plans import submit

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
