"""One decorator for the domain's state machines (django-fsm-2): a transition on the `state`
field, logged by django-fsm-log with who did it (`by=`) and why (`description=`).

A transition method holds its own conditions (`conditions=`) and sets what the new state
stands for (the moment, the actor); services call it inside their transaction and hold the
rules that need other objects (the ledger, the budget lock)."""

from django_fsm import transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description


def logged_transition(source, target, *, conditions=(), field="state"):
    def decorate(method):
        return fsm_log_by(
            fsm_log_description(
                transition(field=field, source=source, target=target, conditions=list(conditions))(
                    method
                )
            )
        )

    return decorate
