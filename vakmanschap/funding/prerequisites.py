"""What must have happened before a plan goes to the fund. Conversations belong to `guidance`,
a layer above funding, so guidance tells this hook from its `ready()` whether a participant has
had a held career conversation; funding only asks."""

from collections.abc import Callable

from django.utils.translation import gettext as _

_held_conversation: Callable[[object], bool] | None = None


def register_held_conversation(check: Callable[[object], bool]) -> None:
    global _held_conversation
    _held_conversation = check


def has_held_conversation(participant) -> bool:
    return _held_conversation is not None and _held_conversation(participant)


def conversation_missing(plan) -> bool:
    """The scheme asks for a held conversation before submitting, and there is none yet."""
    return plan.scheme.requires_held_conversation and not has_held_conversation(plan.participant)


def conversation_ready(plan) -> bool:
    """The submit transition's condition."""
    return not conversation_missing(plan)


def conversation_missing_message() -> str:
    return _(
        "Career conversation: the scheme requires a held career conversation before a plan is "
        "submitted. Record the conversation with this participant first."
    )
