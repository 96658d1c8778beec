from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_search_audit_log(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.ADMINISTRATOR, Role.FUND_OFFICER)
