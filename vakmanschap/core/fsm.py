"""One decorator for the domain's state machines (django-fsm-2): a transition on the `state`
field, logged by django-fsm-log with who did it (`by=`) and why (`description=`).

A transition method holds its own conditions (`conditions=`: facts about the object) and who
may take it (`permission=`: a function of the object and the user; transitions without one are
taken by the system only when `permission=SYSTEM`). It sets what the new state stands for (the
moment, the actor); services call it inside their transaction and hold the rules that need
other objects (the ledger, the budget lock).

Views and templates never test states themselves: they ask `available_actions(obj, user)`."""

from django_fsm import has_transition_perm, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description


def system_only(obj, user) -> bool:
    """For transitions the workflow takes by itself (a start, an expiry): no user is offered
    them; services call them directly."""
    return False


def logged_transition(source, target, *, conditions=(), permission=None, field="state"):
    def decorate(method):
        return fsm_log_by(
            fsm_log_description(
                transition(
                    field=field,
                    source=source,
                    target=target,
                    conditions=list(conditions),
                    permission=permission,
                )(method)
            )
        )

    return decorate


def available_actions(obj, user, *, field="state", supplied=()) -> set[str]:
    """The names of the transitions `user` may take on `obj` now: the current state allows
    them, their permission admits the user and their conditions hold, except the conditions
    in `supplied` (facts the offered form itself asks for, such as the attendance)."""
    transitions = getattr(obj, f"get_all_{field}_transitions")()
    state = getattr(obj, field)
    names = set()
    for candidate in transitions:
        if candidate.source not in (state, "*", "+"):
            continue
        if not candidate.has_perm(obj, user):
            continue
        if not all(c(obj) for c in candidate.conditions if c not in supplied):
            continue
        names.add(candidate.name)
    return names


def may(bound_transition, user) -> bool:
    """Whether `user` may take this transition now (state, conditions and permission)."""
    return has_transition_perm(bound_transition, user)
