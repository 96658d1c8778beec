"""The fund workflow through the web pages, role by role."""

import pytest
from django.urls import reverse

from vakmanschap.funding.models import Cheque, PlanState, TrainingPlan


@pytest.fixture
def person(fund):
    return fund.participant()


def test_advisor_writes_a_plan_and_sees_each_rule_before_submitting(client, fund, person):
    client.force_login(fund.advisor)
    page = client.get(reverse("funding:plan_new", args=[person.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("funding:plan_new", args=[person.pk]),
        {
            "target": str(fund.nurse.pk),
            "courses": [fund.course.pk],
            "funding_period": fund.period.pk,
            "own_contribution": "100,00",
            "justification": "Wil verzorgende worden.",
        },
    )
    plan = TrainingPlan.objects.get()
    assert response.status_code == 302 and plan.own_contribution_cents == 10_000
    detail = client.get(reverse("funding:plan_detail", args=[plan.pk])).content.decode()
    assert detail.count("site-rule--ok") == 9
    client.post(reverse("funding:plan_submit", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_plan_form_bad_input_names_the_fields_and_writes_nothing(client, fund, person):
    client.force_login(fund.advisor)
    response = client.post(
        reverse("funding:plan_new", args=[person.pk]),
        {
            "target": "other",
            "other_occupation": "http://example.org/nope",
            "funding_period": fund.period.pk,
            "own_contribution": "veel",
            "justification": "",
        },
    )
    errors = response.context["form"].errors
    assert {"other_occupation", "courses", "own_contribution", "justification"} <= set(errors)
    assert not TrainingPlan.objects.exists()


def test_fund_officer_approves_and_participant_downloads_the_letter(client, fund, person):
    from tests.factories import UserFactory
    from vakmanschap.accounts.models import Membership
    from vakmanschap.funding import plans

    plan = fund.plan(participant=person)
    plans.submit(plan, by=fund.advisor)
    client.force_login(fund.fund_officer)
    assert client.get(reverse("funding:plan_list")).content.decode().count(str(person)) == 1
    client.post(reverse("funding:plan_decide", args=[plan.pk]), {"decision": "approve"})
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    owner = UserFactory(email="sanne@example.org")
    Membership.objects.create(user=owner, role="participant")
    person.user = owner
    person.save()
    client.force_login(owner)
    cheque = Cheque.objects.get()
    old_hash = cheque.code_hash
    letter = client.get(reverse("funding:cheque_letter", args=[cheque.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    cheque.refresh_from_db()
    assert cheque.code_hash != old_hash  # downloading issued a fresh code


def test_another_participant_never_sees_the_plan_or_letter(client, fund, person):
    from tests.factories import UserFactory
    from vakmanschap.accounts.models import Membership
    from vakmanschap.funding import plans

    plan = fund.plan(participant=person)
    plans.submit(plan, by=fund.advisor)
    plans.approve(plan, by=fund.fund_officer)
    stranger = UserFactory()
    Membership.objects.create(user=stranger, role="participant")
    client.force_login(stranger)
    cheque = Cheque.objects.get()
    assert client.get(reverse("funding:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("funding:cheque_letter", args=[cheque.pk])).status_code == 404
    assert client.get(reverse("funding:plan_list")).status_code == 403


def test_reject_without_reason_is_refused_with_a_message(client, fund, person):
    from vakmanschap.funding import plans

    plan = fund.plan(participant=person)
    plans.submit(plan, by=fund.advisor)
    client.force_login(fund.fund_officer)
    response = client.post(
        reverse("funding:plan_decide", args=[plan.pk]),
        {"decision": "reject", "reason": ""},
        follow=True,
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert "reden" in response.content.decode().lower()


def test_budget_page_shows_derived_balances_and_allocation_funds_the_queue(client, fund):
    client.force_login(fund.fund_officer)
    page = client.get(reverse("funding:budget")).content.decode()
    assert "€ 10.000,00" in page
    response = client.post(
        reverse("funding:allocate", args=[fund.period.pk]),
        {f"p{fund.period.pk}-amount": "abc", f"p{fund.period.pk}-reason": "x"},
        follow=True,
    )
    assert response.status_code == 200
    from vakmanschap.funding import ledger

    assert ledger.balances(fund.period).allocated == 1_000_000
    client.post(
        reverse("funding:allocate", args=[fund.period.pk]),
        {f"p{fund.period.pk}-amount": "2.500,00", f"p{fund.period.pk}-reason": "Top-up"},
    )
    assert ledger.balances(fund.period).allocated == 1_250_000


def test_plan_list_query_count_does_not_grow_with_the_number_of_plans(
    client, fund, django_assert_max_num_queries
):
    from vakmanschap.funding import plans

    for n in range(12):
        person = fund.participant(given_name=f"P{n}", email=f"p{n}@example.org")
        plans.submit(fund.plan(participant=person), by=fund.advisor)
    client.force_login(fund.fund_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("funding:plan_list"))
    assert response.content.decode().count("verpleegkundige") == 12
