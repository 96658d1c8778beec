"""The scheme can require a held career conversation before a plan is submitted (on by
default): the service refuses with the reason, the plan page shows the reason instead of the
submit button, the API answers 409 with it, and the setting is in the scheme's admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.api.test_fund_workflow_api import client_for
from tests.factories import held_conversation
from tests.funding.test_scheme_admin import _data
from vakmanschap.core.fsm import available_actions
from vakmanschap.funding import plans
from vakmanschap.funding.admin import SchemeAdminForm
from vakmanschap.funding.models import PlanState, Scheme
from vakmanschap.guidance import services as guidance

pytestmark = pytest.mark.django_db

REASON_NL = "de regeling vraagt een gehouden loopbaangesprek"


def test_on_by_default_for_a_new_scheme():
    scheme = Scheme(name="Nieuw", valid_from=datetime.date(2027, 1, 1))
    assert scheme.requires_held_conversation is True


def test_submit_is_refused_until_a_conversation_was_held(fund):
    plan = fund.plan(conversation_held=False)
    assert "submit" not in available_actions(plan, fund.advisor)
    with translation.override("nl"), pytest.raises(plans.PlanNotAllowed) as refused:
        plans.submit(plan, by=fund.advisor)
    assert REASON_NL in str(refused.value) and str(refused.value).startswith("Loopbaangesprek:")
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT and plan.submitted_at is None
    # Only scheduled, or one that did not take place, is not enough.
    later = guidance.schedule(
        plan.participant,
        advisor=fund.advisor,
        scheduled_at=timezone.now() + datetime.timedelta(days=1),
    )
    guidance.record_no_show(later, by=fund.advisor)
    with pytest.raises(plans.PlanNotAllowed):
        plans.submit(plan, by=fund.advisor)
    held_conversation(plan.participant, fund.advisor)
    assert "submit" in available_actions(plan, fund.advisor)
    assert plans.submit(plan, by=fund.advisor).state == PlanState.SUBMITTED


def test_a_scheme_without_the_requirement_takes_the_plan_without_a_conversation(fund):
    Scheme.objects.filter(pk=fund.scheme.pk).update(requires_held_conversation=False)
    plan = fund.plan(conversation_held=False)
    assert plans.submit(plan, by=fund.advisor).state == PlanState.SUBMITTED


def test_the_plan_page_shows_the_reason_instead_of_the_submit_button(client, fund):
    plan = fund.plan(conversation_held=False)
    url = reverse("funding:plan_detail", args=[plan.pk])
    client.force_login(fund.advisor)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert REASON_NL in page
    assert 'id="submit-blocked"' in page and "disabled" in page
    assert reverse("funding:plan_submit", args=[plan.pk]) not in page
    response = client.post(reverse("funding:plan_submit", args=[plan.pk]), follow=True)
    assert REASON_NL in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    # An advisor of another organisation (same role) learns nothing.
    client.force_login(fund.other_advisor)
    assert client.get(url).status_code == 404
    assert client.post(reverse("funding:plan_submit", args=[plan.pk])).status_code == 404
    held_conversation(plan.participant, fund.advisor)
    client.force_login(fund.advisor)
    page = client.get(url).content.decode()
    assert reverse("funding:plan_submit", args=[plan.pk]) in page and "submit-blocked" not in page


def test_the_api_refuses_the_submit_with_the_reason(fund):
    plan = fund.plan(conversation_held=False)
    api = client_for(fund.advisor)
    response = api.post(f"/api/v1/plans/{plan.pk}/submit", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 409
    assert REASON_NL in response.json()["detail"]
    other = client_for(fund.other_advisor)
    assert other.post(f"/api/v1/plans/{plan.pk}/submit").status_code == 404
    held_conversation(plan.participant, fund.advisor)
    assert api.post(f"/api/v1/plans/{plan.pk}/submit").json()["status"] == "submitted"


def test_the_scheme_admin_switches_the_requirement(fund):
    form = SchemeAdminForm(
        data=_data(fund.scheme, requires_held_conversation=False), instance=fund.scheme
    )
    assert form.is_valid(), form.errors
    assert form.save().requires_held_conversation is False
    assert "requires_held_conversation" in SchemeAdminForm(instance=fund.scheme).fields
