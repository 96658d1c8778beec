from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from vakmanschap.core.presentation import format_moment
from vakmanschap.people.services import take_up

from . import invitations, tasks
from .models import CareerConversation, ConversationState


@transaction.atomic
def schedule(participant, *, advisor, scheduled_at, location="") -> CareerConversation:
    conversation = CareerConversation(
        participant=participant, advisor=advisor, scheduled_at=scheduled_at, location=location
    )
    conversation.full_clean(exclude=["state"])  # the state machine owns the state
    conversation.save()
    take_up(participant, by=advisor)
    if participant.advisor_id is None:
        participant.advisor = advisor
        participant.save(update_fields=["advisor"])
    _invite(conversation, invitations.NEW)
    return conversation


@transaction.atomic
def reschedule(conversation, *, by, scheduled_at, location) -> CareerConversation:
    """A new date, time or place for a planned conversation; the participant's calendar gets
    the same event with a higher revision. Nothing changes, and nothing is sent, when the
    date, time and place stay as they are."""
    conversation = CareerConversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.state != ConversationState.SCHEDULED:
        raise ValidationError(_("This conversation can no longer be changed."))
    if (conversation.scheduled_at, conversation.location) == (scheduled_at, location):
        return conversation
    conversation.scheduled_at, conversation.location = scheduled_at, location
    conversation.full_clean(exclude=["state"])
    conversation.invitation_sequence += 1
    conversation.save(update_fields=["scheduled_at", "location", "invitation_sequence"])
    _invite(conversation, invitations.UPDATE)
    return conversation


@transaction.atomic
def record_held(conversation, *, by, notes, outcome, next_step) -> CareerConversation:
    if not outcome.strip():
        raise ValidationError({"outcome": _("Write down the outcome of the conversation.")})
    conversation = CareerConversation.objects.select_for_update().get(pk=conversation.pk)
    if not has_started(conversation):  # the stored moment, not a copy the caller holds
        raise ValidationError({"scheduled_at": not_started_message(conversation)})
    return _apply(conversation, "hold", by=by, notes=notes, outcome=outcome, next_step=next_step)


def has_held_conversation(participant) -> bool:
    return CareerConversation.objects.filter(
        participant=participant, state=ConversationState.HELD
    ).exists()


def has_started(conversation) -> bool:
    return conversation.scheduled_at <= timezone.now()


def not_started_message(conversation) -> str:
    return _(
        "Date and time: the conversation starts on %(moment)s; record it as held only after "
        "it has started."
    ) % {"moment": format_moment(conversation.scheduled_at)}


@transaction.atomic
def record_no_show(conversation, *, by, reason="") -> CareerConversation:
    return _apply(conversation, "mark_no_show", by=by, description=reason)


@transaction.atomic
def cancel(conversation, *, by, reason="") -> CareerConversation:
    conversation = _apply(conversation, "cancel", by=by, description=reason)
    conversation.invitation_sequence += 1
    conversation.save(update_fields=["invitation_sequence"])
    _invite(conversation, invitations.CANCEL)
    return conversation


def _invite(conversation, kind):
    """Queued in the change's own transaction: a change that is rolled back sends nothing."""
    tasks.send_invitation.enqueue(
        conversation_id=conversation.pk, kind=kind, sequence=conversation.invitation_sequence
    )


def _apply(conversation, name, **kwargs):
    conversation = CareerConversation.objects.select_for_update().get(pk=conversation.pk)
    try:
        getattr(conversation, name)(**kwargs)
    except TransitionNotAllowed as error:
        raise ValidationError(_("This conversation can no longer be changed.")) from error
    conversation.save()
    return conversation
