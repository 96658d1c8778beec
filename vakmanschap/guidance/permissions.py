from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_manage_conversations(user, conversation=None) -> bool:
    """Advisors hold conversations; notes are never shown to employers or providers."""
    return is_authenticated(user) and user.has_role(Role.ADVISOR)
