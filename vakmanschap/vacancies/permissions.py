"""Named permission functions for vacancies and the network's lines under the routes.
Each takes (user, obj=None)."""

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.network.permissions import can_manage_employer, can_view_employer, is_staff_of
from vakmanschap.people.permissions import can_view_participant, in_advisors_care


def can_manage_vacancies(user, organisation=None) -> bool:
    """Create, edit and close vacancies: own staff and the fund."""
    return can_manage_employer(user, organisation)


def can_view_vacancy(user, vacancy=None) -> bool:
    """Own staff and the fund see every vacancy of the employer; advisors see open ones."""
    if not is_authenticated(user):
        return False
    if user.has_role(Role.ADVISOR):
        return vacancy is None or vacancy.is_open or is_staff_of(user, vacancy.organisation)
    if vacancy is None:
        return can_view_employer(user)
    return can_view_employer(user, vacancy.organisation)


def can_view_route_extras(user, participant=None) -> bool:
    """The network's lines under a participant's routes: whoever may see the participant."""
    return can_view_participant(user, participant)


def can_edit_language_profile(user, participant=None) -> bool:
    """Advisors record the NT2 level of the participants in their care."""

    if is_authenticated(user) and user.has_role(Role.ADMINISTRATOR):
        return True
    return in_advisors_care(user, participant)


def can_set_own_preferences(user, obj=None) -> bool:
    """A participant opts in or out of vacancy matching."""
    return is_authenticated(user) and user.has_role(Role.PARTICIPANT)


def can_handle_vacancy_match(user, match=None) -> bool:
    """The participant's own advisor marks a vacancy match as handled."""
    if not (is_authenticated(user) and user.has_role(Role.ADVISOR)):
        return False
    return match is None or match.participant.advisor_id == user.pk
