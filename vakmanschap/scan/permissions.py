"""Named permission functions for the scan. Each takes (user, obj=None).

Objects: an employer `Organisation` for can_take_scan / can_view_scan_report, a `Scan` for
can_manage_scan, a `RespondentLink` for can_use_respondent_link.
"""

from vakmanschap.accounts.permissions import is_anyone, is_authenticated
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.network.permissions import is_fund_staff, is_staff_of


def can_read_questionnaire(user, obj=None) -> bool:
    """The statements are no secret: anyone may read the current questionnaire."""
    return is_anyone(user, obj)


def can_take_scan(user, organisation=None) -> bool:
    """Management answers by login: the employer's own staff (not the fund on its behalf)."""
    if not (is_authenticated(user) and user.has_role(Role.EMPLOYER_STAFF)):
        return False
    if organisation is None:
        return True
    return organisation.kind == OrganisationKind.EMPLOYER and is_staff_of(user, organisation)


def can_view_scan_report(user, organisation=None) -> bool:
    """Reports (aggregates only): the employer's own staff and the fund."""
    if not is_authenticated(user):
        return False
    if organisation is not None and organisation.kind != OrganisationKind.EMPLOYER:
        return False
    if is_fund_staff(user):
        return True
    if organisation is None:
        return user.has_role(Role.EMPLOYER_STAFF)
    return is_staff_of(user, organisation)


def can_manage_scan(user, scan=None) -> bool:
    """Invite employees to a scan and close it: the employer's own staff."""
    return can_take_scan(user, scan.organisation if scan is not None else None)


def can_use_respondent_link(user, link=None) -> bool:
    """The anonymous link is the credential; it opens only its own scan, once, while usable."""
    if link is None:
        return True
    return link.is_usable
