import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
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
