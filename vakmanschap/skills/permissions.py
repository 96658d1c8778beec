"""Who may see and change what in the skills app (see core/access.py)."""

from vakmanschap.accounts.permissions import is_anyone, is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.catalogue.permissions import can_edit_course, can_view_catalogue
from vakmanschap.people.permissions import (
    can_view_participant,
    in_advisors_care,
    is_participant_self,
)


def can_view_routes(user, participant=None) -> bool:
    """Whoever may see the participant: the fund, the advisors of the participant's
    organisation, the participant."""
    return can_view_participant(user, participant)


def can_view_own_routes(user, obj=None) -> bool:
    return is_participant_self(user, obj)


def can_describe_own_work(user, obj=None) -> bool:
    """A resident records skills of their own from a description of their work."""
    return is_participant_self(user, obj)


def can_preview_work_skills(user, obj=None) -> bool:
    """Anyone filling in the sign-up form sees which skills their description of their work
    may show; nothing is stored (they confirm skills after signing up)."""
    return is_anyone(user, obj)


def can_edit_person_skills(user, participant=None) -> bool:
    """Advisors record the occupations held and skills of the participants in their care."""
    if is_authenticated(user) and user.has_role(Role.ADMINISTRATOR):
        return True
    return in_advisors_care(user, participant)


def can_tag_course(user, course=None) -> bool:
    """The fund tags any course; provider staff only their own provider's courses."""
    return can_edit_course(user, course)


def can_view_esco_pages(user, obj=None) -> bool:
    return can_view_catalogue(user, obj)
