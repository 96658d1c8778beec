from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_view_oversight(user, obj=None) -> bool:
    """The fund officer's dashboard of fraud and error signals."""
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)
