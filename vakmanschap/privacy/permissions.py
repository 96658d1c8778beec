"""Named permission functions for the privacy pages. Each takes (user, obj=None)."""

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.people.permissions import in_advisors_care


def can_download_own_data(user, participant=None) -> bool:
    """A participant downloads their own data only (object check: it is their record)."""
    if not (is_authenticated(user) and user.has_role(Role.PARTICIPANT)):
        return False
    return participant is None or participant.user_id == user.pk


def can_process_erasure(user, obj=None) -> bool:
    """Advisors record erasure requests and answer access requests for the participants in
    their care (object: a participant or an erasure request)."""
    return in_advisors_care(user, obj)


def can_view_erasure_requests(user, request=None) -> bool:
    """The erasure queue: advisors see their own organisation's requests, the fund all (a fund
    officer may be the second pair of eyes)."""
    if is_authenticated(user) and user.has_role(Role.FUND_OFFICER):
        return True
    return in_advisors_care(user, request)


def can_decide_erasure(user, request=None) -> bool:
    """Four eyes: a second advisor of the participant's organisation, or a fund officer, decides;
    never the person who recorded the request."""
    if not can_view_erasure_requests(user, request):
        return False
    return request is None or request.requested_by_id != user.pk
