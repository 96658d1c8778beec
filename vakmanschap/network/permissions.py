"""Named permission functions for the employers' network. Each takes (user, obj=None).

An employer's data is visible only to its own staff and to the fund (fund officers and
administrators). Called without an object, a check answers "may this user open this kind of
page at all"; with an object (an employer `Organisation`), "this one".
"""

from vakmanschap.accounts.permissions import is_anyone, is_authenticated
from vakmanschap.accounts.roles import OrganisationKind, Role

__all__ = [
    "is_anyone",
    "is_fund_staff",
    "is_staff_of",
    "can_view_employer",
    "can_manage_employer",
    "can_register_employer",
    "can_use_staff_invitation",
    "can_nominate",
    "can_view_nomination",
    "can_respond_to_nomination",
    "can_manage_vacancies",
    "can_view_vacancy",
    "can_view_route_extras",
    "can_edit_language_profile",
    "can_set_own_preferences",
    "can_handle_vacancy_match",
]


def is_fund_staff(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER, Role.ADMINISTRATOR)


def employer_ids_of(user) -> set[int]:
    if not is_authenticated(user):
        return set()
    return {
        m.organisation_id
        for m in user.memberships.all()
        if m.role == Role.EMPLOYER_STAFF and m.organisation_id
    }


def is_staff_of(user, organisation) -> bool:
    return organisation is not None and organisation.pk in employer_ids_of(user)


def can_view_employer(user, organisation=None) -> bool:
    """Employer staff see their own employer; the fund sees every employer."""
    if not is_authenticated(user):
        return False
    if (
        organisation is not None
        and getattr(organisation, "kind", None) != OrganisationKind.EMPLOYER
    ):
        return False
    if is_fund_staff(user):
        return True
    if organisation is None:
        return user.has_role(Role.EMPLOYER_STAFF)
    return is_staff_of(user, organisation)


def can_manage_employer(user, organisation=None) -> bool:
    """Edit the profile, invite staff, sign or renew the pledge: own staff and the fund."""
    return can_view_employer(user, organisation)


def can_register_employer(user, obj=None) -> bool:
    """The fund registers a new employer and invites its first staff member."""
    return is_fund_staff(user)


def can_use_staff_invitation(user, invitation=None) -> bool:
    """The secret link is the credential: anyone holding it may open it while it is usable."""
    if invitation is None:
        return True
    return invitation.is_usable


# ---------------------------------------------------------------- nominations and vacancies
def can_nominate(user, organisation=None) -> bool:
    """Nominate employees and follow their status: own staff and the fund."""
    return can_manage_employer(user, organisation)


def can_view_nomination(user, nomination=None) -> bool:
    if nomination is None:
        return can_view_employer(user)
    return can_view_employer(user, nomination.organisation)


def can_respond_to_nomination(user, nomination=None) -> bool:
    """The secret link is the credential: anyone holding it may answer while it is usable."""
    if nomination is None:
        return True
    return nomination.is_usable


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
    from vakmanschap.people.permissions import can_view_participant

    return can_view_participant(user, participant)


def can_edit_language_profile(user, participant=None) -> bool:
    """Advisors record a participant's NT2 level."""
    return is_authenticated(user) and user.has_role(Role.ADVISOR, Role.ADMINISTRATOR)


def can_set_own_preferences(user, obj=None) -> bool:
    """A participant opts in or out of vacancy matching."""
    return is_authenticated(user) and user.has_role(Role.PARTICIPANT)


def can_handle_vacancy_match(user, match=None) -> bool:
    """The participant's own advisor marks a vacancy match as handled."""
    if not (is_authenticated(user) and user.has_role(Role.ADVISOR)):
        return False
    return match is None or match.participant.advisor_id == user.pk
