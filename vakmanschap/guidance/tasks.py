"""The invitation e-mail, made and sent by the background worker (`vakmanschap db_worker`).

The change enqueues the task in its own transaction, so a refused change sends nothing; the task
sends only if no later change overtook it (the revision it was queued for is still the latest)
and the conversation is still to come: one recorded afterwards gets no invitation."""

from django.utils import timezone
from django_tasks import task

from . import invitations
from .models import CareerConversation


@task()
def send_invitation(conversation_id: int, kind: str, sequence: int) -> int:
    conversation = (
        CareerConversation.objects.select_related("participant__user", "advisor")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None or conversation.invitation_sequence != sequence:
        return 0
    if conversation.scheduled_at <= timezone.now():
        return 0
    message = invitations.message_for(conversation, kind)
    return message.send() if message is not None else 0
