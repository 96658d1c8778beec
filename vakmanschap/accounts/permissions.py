"""Named permission functions for accounts. Each takes (user, obj=None) and returns a bool."""

from vakmanschap.core.access import is_anyone, is_authenticated

from .roles import Role

__all__ = ["is_anyone", "is_authenticated"]  # defined in core; every app imports them from here


def _has_any_role(user, *roles) -> bool:
    return is_authenticated(user) and user.has_role(*roles)


def is_participant(user, obj=None) -> bool:
    return _has_any_role(user, Role.PARTICIPANT)


def is_advisor(user, obj=None) -> bool:
    return _has_any_role(user, Role.ADVISOR)


def is_fund_officer(user, obj=None) -> bool:
    return _has_any_role(user, Role.FUND_OFFICER)


def is_finance_officer(user, obj=None) -> bool:
    return _has_any_role(user, Role.FINANCE_OFFICER)


def is_provider_staff(user, obj=None) -> bool:
    return _has_any_role(user, Role.PROVIDER_STAFF)


def is_employer_staff(user, obj=None) -> bool:
    return _has_any_role(user, Role.EMPLOYER_STAFF)


def is_monitor_viewer(user, obj=None) -> bool:
    return _has_any_role(user, Role.MONITOR, Role.ADMINISTRATOR)


def is_administrator(user, obj=None) -> bool:
    return _has_any_role(user, Role.ADMINISTRATOR)


def can_manage_own_two_factor(user, obj=None) -> bool:
    return is_authenticated(user)
