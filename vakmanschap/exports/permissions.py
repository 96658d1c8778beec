from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_export(user, obj=None) -> bool:
    """Funders' reports: the fund officer and the finance officer only."""
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER, Role.FINANCE_OFFICER)
