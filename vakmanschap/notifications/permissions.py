from vakmanschap.accounts.permissions import is_authenticated


def can_view_needs_action(user, obj=None) -> bool:
    """Anyone who has at least one section on the needs-action page."""
    from .needs_action import sections_for  # not at app loading: apps.py imports this module

    return is_authenticated(user) and bool(sections_for(user))
