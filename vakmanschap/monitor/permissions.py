"""Who sees the monitor. Each function takes (user, obj=None)."""

from vakmanschap.accounts.permissions import is_anyone, is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.region.access import regions_of


def can_view_monitor(user, region=None) -> bool:
    """Monitor viewers and fund officers, for their own region; administrators for any."""
    if not (
        is_authenticated(user)
        and user.has_role(Role.MONITOR, Role.FUND_OFFICER, Role.ADMINISTRATOR)
    ):
        return False
    if region is None or user.has_role(Role.ADMINISTRATOR):
        return True
    return region.pk in regions_of(user)


def can_read_open_data(user, region=None) -> bool:
    """Open data is public: small counts are suppressed before anything is shown."""
    return is_anyone(user, region)
