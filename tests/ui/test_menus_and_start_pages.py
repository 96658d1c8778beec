"""Menus show each role what it uses, with distinct names; start pages count what waits."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.core.navigation import items_for
from vakmanschap.funding import plans
from vakmanschap.funding.cheques import redeem
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db


def menu_urls(user) -> set[str]:
    return {item.url_name for item in items_for(user)}


def test_a_resident_menu_holds_only_what_a_resident_uses():
    """Before: residents saw Organisations (empty), all occupations and the network page."""
    resident = user_with_role(Role.PARTICIPANT)
    urls = menu_urls(resident)
    assert "privacy:my_data" in urls
    for unused in (
        "organisations:list",
        "esco:occupation_list",
        "network:public",
        "catalogue:list",
    ):
        assert unused not in urls


def test_the_pages_left_out_of_a_menu_still_open_by_link(client):
    client.force_login(user_with_role(Role.PARTICIPANT))
    assert client.get(reverse("esco:occupation_list")).status_code == 200


@pytest.mark.parametrize("role", list(Role))
def test_no_two_menu_items_share_a_name(role, settings):
    """Before: the fund officer's menu had "Actie nodig" twice."""
    settings.LANGUAGE_CODE = "nl"
    user = user_with_role(role)
    for language in ("nl", "en"):
        from django.utils import translation

        with translation.override(language):
            labels = [str(item.label) for item in items_for(user)]
        assert len(labels) == len(set(labels)), (role, language, labels)


@pytest.mark.parametrize("role", list(Role))
def test_each_menu_is_in_its_items_order(role):
    orders = [item.order for item in items_for(user_with_role(role))]
    assert orders and orders == sorted(orders)


def start_counts(client, user) -> dict[str, int]:
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("ui:start"))
    assert response.status_code == 200
    return {c.label: c.number for c in response.context["page"].counts}


def test_start_pages_count_caseload_and_plans_waiting(client):
    fund = FundWorld()
    person = fund.participant()
    Participant.objects.filter(pk=person.pk).update(advisor=fund.advisor)
    plans.submit(fund.plan(participant=person), by=fund.advisor)

    advisor = start_counts(client, fund.advisor)
    assert advisor["My caseload"] == 1
    assert advisor["Sign-ups to assess"] == 1
    # An advisor of another advice organisation counts none of them.
    other = start_counts(client, fund.other_advisor)
    assert other["My caseload"] == 0 and other["Sign-ups to assess"] == 0

    officer = start_counts(client, fund.fund_officer)
    assert officer["Plans waiting for a decision"] == 1
    assert officer["Invoices to check"] == 0
    assert start_counts(client, fund.finance_officer) == {"Invoices to approve": 0}
    html = client.get(reverse("ui:start")).content.decode()
    assert reverse("delivery:approve_list") in html


def test_a_plan_i_approved_first_does_not_wait_for_me(client):
    fund = FundWorld()
    plan = fund.plan(labour_market_justification="Vraag in de regio.", occupation=fund.clerk)
    plans.submit(plan, by=fund.advisor)
    plans.approve(plan, by=fund.fund_officer)  # first of two approvals
    plan.refresh_from_db()
    assert plan.state == "second_approval"
    assert start_counts(client, fund.fund_officer)["Plans waiting for a decision"] == 0
    assert start_counts(client, fund.second_officer)["Plans waiting for a decision"] == 1


def test_a_provider_counts_only_its_own_cheques(client):
    fund = FundWorld()
    plan = fund.plan()
    plans.submit(plan, by=fund.advisor)
    ((_, code),) = plans.approve(plan, by=fund.fund_officer).codes.items()
    redeem(
        provider=fund.provider,
        user=fund.provider_user,
        code=code,
        birth_date=datetime.date(1990, 5, 17),
    )
    assert start_counts(client, fund.provider_user) == {"Cheques booked or running": 1}
    assert start_counts(client, fund.other_provider_user) == {"Cheques booked or running": 0}
