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
