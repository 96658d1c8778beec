"""Named permission functions for the privacy pages. Each takes (user, obj=None)."""

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_download_own_data(user, participant=None) -> bool:
    """A participant downloads their own data only (object check: it is their record)."""
    if not (is_authenticated(user) and user.has_role(Role.PARTICIPANT)):
        return False
    return participant is None or participant.user_id == user.pk


def can_process_erasure(user, obj=None) -> bool:
    """Career advisors record and decide erasure requests and answer access requests."""
    return is_authenticated(user) and user.has_role(Role.ADVISOR)
