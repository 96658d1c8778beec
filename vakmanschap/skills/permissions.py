"""Who may see and change what in the skills app (see core/access.py)."""

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.catalogue.permissions import can_edit_course, can_view_catalogue
from vakmanschap.people.permissions import can_view_participant, is_participant_self


def can_view_routes(user, participant=None) -> bool:
    """Advisors and the fund see anyone's routes; a participant only their own."""
    return can_view_participant(user, participant)


def can_view_own_routes(user, obj=None) -> bool:
    return is_participant_self(user, obj)


def can_edit_person_skills(user, participant=None) -> bool:
    """Advisors record a participant's occupations held and skills."""
    return is_authenticated(user) and user.has_role(Role.ADVISOR, Role.ADMINISTRATOR)


def can_tag_course(user, course=None) -> bool:
    """The fund tags any course; provider staff only their own provider's courses."""
    return can_edit_course(user, course)


def can_view_esco_pages(user, obj=None) -> bool:
    return can_view_catalogue(user, obj)
