"""Guard rails in the browser, in Dutch: a plan waits for a held career conversation, and a
conversation is recorded as held only once it has started."""

import datetime

import pytest
from django.utils import timezone

from tests.funding.conftest import FundWorld
from vakmanschap.funding.models import PlanState, TrainingPlan
from vakmanschap.guidance import services as guidance
from vakmanschap.guidance.models import CareerConversation, ConversationState

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


def test_the_advisor_submits_only_after_the_conversation_was_held(page, axe):
    world = FundWorld()
    person = world.participant()
    plan = world.plan(person, conversation_held=False)
    conversation = guidance.schedule(
        person,
        advisor=world.advisor,
        scheduled_at=timezone.now() + datetime.timedelta(hours=3),
        location="Werkplein Enschede",
    )
    log_in(page, world.advisor.email)

    # The submit button is off, with the reason beside it.
    page.goto(f"/plans/{plan.pk}/")
    button = page.get_by_role("button", name="Indienen bij het fonds")
    assert button.is_disabled()
    reason = page.locator("#submit-blocked").inner_text()
    assert "de regeling vraagt een gehouden loopbaangesprek" in reason
    assert wcag_violations(axe, page) == []

    # Recording the conversation as held before its start is refused, naming the field.
    page.goto(f"/conversations/{conversation.pk}/")
    page.check("input[name=result][value=held]")
    page.fill("#id_outcome", "Route naar verzorgende IG besproken.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Datum en tijd: het gesprek begint op" in page.locator("main").inner_text()
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.SCHEDULED

    # Once the moment has come (the clock moved on), the conversation is recorded ...
    CareerConversation.objects.filter(pk=conversation.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )
    page.goto(f"/conversations/{conversation.pk}/")
    page.check("input[name=result][value=held]")
    page.fill("#id_outcome", "Route naar verzorgende IG besproken.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.HELD

    # ... and the plan can be submitted.
    page.goto(f"/plans/{plan.pk}/")
    assert page.locator("#submit-blocked").count() == 0
    page.get_by_role("button", name="Indienen bij het fonds").click()
    page.wait_for_load_state()
    assert TrainingPlan.objects.get(pk=plan.pk).state == PlanState.SUBMITTED
