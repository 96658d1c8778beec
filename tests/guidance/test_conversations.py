import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django_fsm_log.models import StateLog

from tests.funding.conftest import FundWorld
from vakmanschap.guidance import services
from vakmanschap.guidance.models import ConversationState

pytestmark = pytest.mark.django_db


def test_conversation_is_held_once_with_outcome_and_logged():
    fund = FundWorld(allocated=0)
    person = fund.participant()
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=timezone.now() + datetime.timedelta(days=2)
    )
    person.refresh_from_db()
    assert person.advisor == fund.advisor
    with pytest.raises(ValidationError):
        services.record_held(conversation, by=fund.advisor, notes="", outcome=" ", next_step="")
    _started(conversation)
    services.record_held(
        conversation,
        by=fund.advisor,
        notes="Gemotiveerd",
        outcome="Zorg past goed",
        next_step="Plan schrijven",
    )
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.HELD
    assert StateLog.objects.for_(conversation).get().by == fund.advisor
    with pytest.raises(ValidationError):
        services.cancel(conversation, by=fund.advisor)


def _started(conversation, hours_ago=1):
    """The scheduled moment has come (the form never schedules in the past)."""
    moment = timezone.now() - datetime.timedelta(hours=hours_ago)
    type(conversation).objects.filter(pk=conversation.pk).update(scheduled_at=moment)
    conversation.refresh_from_db()


def test_a_conversation_is_not_recorded_as_held_before_its_start():
    fund = FundWorld(allocated=0)
    person = fund.participant()
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=timezone.now() + datetime.timedelta(hours=2)
    )
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        services.record_held(conversation, by=fund.advisor, notes="", outcome="Plan", next_step="")
    assert list(refused.value.message_dict) == ["scheduled_at"]
    assert refused.value.messages[0].startswith("Datum en tijd: het gesprek begint op")
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.SCHEDULED and conversation.outcome == ""
    assert not StateLog.objects.for_(conversation).exists()
    # Not showing up and cancelling can be recorded before the start.
    services.record_no_show(conversation, by=fund.advisor)


def test_the_conversation_page_refuses_held_before_the_start_in_dutch(client):
    fund = FundWorld(allocated=0)
    person = fund.participant()
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=timezone.now() + datetime.timedelta(hours=2)
    )
    url = reverse("guidance:detail", args=[conversation.pk])
    answer = {"result": "held", "notes": "", "outcome": "Plan", "next_step": ""}
    client.force_login(fund.advisor)
    response = client.post(url, answer, HTTP_ACCEPT_LANGUAGE="nl", follow=True)
    page = response.content.decode()
    assert "Datum en tijd: het gesprek begint op" in page
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.SCHEDULED
    client.force_login(fund.other_advisor)  # the same role in another organisation
    assert client.post(url, answer).status_code == 404
    _started(conversation)
    client.force_login(fund.advisor)
    assert client.post(url, answer).status_code == 302
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.HELD


def test_schedule_in_the_past_is_refused_and_others_cannot_open_conversations(client):
    fund = FundWorld(allocated=0)
    person = fund.participant()
    client.force_login(fund.advisor)
    response = client.post(
        reverse("guidance:schedule", args=[person.pk]),
        {"scheduled_at": "2001-01-01T10:00", "location": "Enschede"},
    )
    assert response.context["form"].errors["scheduled_at"]
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(fund.provider_user)
    assert client.get(reverse("guidance:detail", args=[conversation.pk])).status_code == 403
