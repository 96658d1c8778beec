import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.funding.plans import approve, return_for_changes, submit
from vakmanschap.guidance.models import CareerConversation
from vakmanschap.notifications import needs_action
from vakmanschap.notifications.needs_action import PAGE_SIZE, Row, Section
from vakmanschap.notifications.sections import participant_next_step
from vakmanschap.people.models import Participant

URL = "/needs-action/"


def test_the_url():
    assert reverse("notifications:needs_action") == URL


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.ADVISOR, 200),
        (Role.FUND_OFFICER, 200),
        (Role.PARTICIPANT, 200),
        (Role.FINANCE_OFFICER, 403),  # no sections yet: delivery contributes them
        (Role.PROVIDER_STAFF, 403),
        (Role.EMPLOYER_STAFF, 403),
        (Role.MONITOR, 403),
    ],
)
def test_role_against_the_page(client, db, role, status):
    client.force_login(user_with_role(role))
    assert client.get(URL).status_code == status


def test_anonymous_goes_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_advisor_sees_triage_duplicates_and_returned_plans(client, fund):
    mine = fund.participant(given_name="Kim", family_name="Eigen")
    other_advisor = user_with_role(Role.ADVISOR)
    theirs = fund.participant(given_name="Lot", family_name="Anders")
    Participant.objects.filter(pk=mine.pk).update(advisor=fund.advisor)
    Participant.objects.filter(pk=theirs.pk).update(advisor=other_advisor)
    unassigned = fund.participant(given_name="Nog", family_name="Niemand")
    fund.participant(given_name="Nog", family_name="Niemand")  # a likely duplicate
    plan = fund.plan(participant=fund.participant(given_name="Plan", family_name="Terug"))
    submit(plan, by=fund.advisor)
    return_for_changes(plan, by=fund.fund_officer, reason="Onderbouwing aanvullen")
    client.force_login(fund.advisor)
    body = client.get(URL).content.decode()
    assert "Eigen" in body and str(unassigned) in body
    assert "Anders" not in body  # another advisor's caseload
    assert "mogelijk dezelfde persoon" in body
    assert f"Plan #{plan.pk}" in body and "Onderbouwing aanvullen" in body


def test_fund_officer_sees_submitted_second_approval_and_waiting_list(client, fund):
    submitted = fund.plan()
    submit(submitted, by=fund.advisor)
    second = fund.plan(
        participant=fund.participant(given_name="Twee"),
        occupation=fund.clerk,
        labour_market_justification="Werkgever zoekt mensen",
    )
    submit(second, by=fund.advisor)
    approve(second, by=fund.fund_officer)
    client.force_login(fund.second_officer)
    body = client.get(URL).content.decode()
    assert f"Plan #{submitted.pk}" in body and f"Plan #{second.pk}" in body
    assert "Wachtlijst" in body


def test_query_count_does_not_grow_with_the_items(client, fund, django_assert_max_num_queries):
    def page_queries(user):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        fund.participant(given_name=f"P{n}", family_name=f"Een{n}")
    few = page_queries(fund.advisor)
    for n in range(40):
        fund.participant(given_name=f"Q{n}", family_name=f"Twee{n}")
    assert page_queries(fund.advisor) == few
    with django_assert_max_num_queries(few):
        client.get(URL)


def test_each_section_is_paginated(client, fund):
    for n in range(PAGE_SIZE + 3):
        fund.participant(given_name=f"P{n}", family_name=f"Achternaam{n:02d}")
    client.force_login(fund.advisor)
    first = client.get(URL).content.decode()
    assert "triage-page=2" in first
    second = client.get(URL + "?triage-page=2").content.decode()
    assert f"Achternaam{PAGE_SIZE + 2:02d}" in second and "Achternaam00" not in second


def test_participant_sees_only_their_own_next_step(client, fund):
    kim = fund.participant(given_name="Kim", family_name="Eigen")
    user = user_with_role(Role.PARTICIPANT)
    Participant.objects.filter(pk=kim.pk).update(user=user)
    fund.participant(given_name="Lot", family_name="Anders")
    client.force_login(user)
    body = client.get(URL).content.decode()
    assert "Leerwerkloket" in body and "Anders" not in body


def test_next_step_follows_the_route(fund):
    kim = fund.participant()
    assert "Leerwerkloket" in participant_next_step(kim).text
    kim.triage = "conversation_needed"
    CareerConversation.objects.create(
        participant=kim, advisor=fund.advisor, scheduled_at=timezone.now(), location="Enschede"
    )
    assert participant_next_step(kim).detail == "Enschede"
    plan = fund.plan(participant=kim)
    submit(plan, by=fund.advisor)
    assert "fund" in participant_next_step(kim).text or "fonds" in participant_next_step(kim).text
    approve(plan, by=fund.fund_officer)
    step = participant_next_step(kim).text
    assert plan.cheques.get().code_last4 in step and "Zorgacademie" in step


def test_another_app_can_contribute_a_section(client, fund):
    from vakmanschap.accounts.permissions import is_finance_officer

    section = Section(
        key="test_invoices",
        title="Facturen goed te keuren",
        check=is_finance_officer,
        items=lambda user: ["Factuur 1", "Factuur 2"],
        describe=lambda item: Row(item),
        order=50,
    )
    needs_action.register(section)
    try:
        client.force_login(user_with_role(Role.FINANCE_OFFICER))
        body = client.get(URL).content.decode()
        assert "Facturen goed te keuren" in body and "Factuur 2" in body
    finally:
        needs_action._registry.pop("test_invoices")
