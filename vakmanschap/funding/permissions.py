from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_manage_budget(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)


def can_view_budget(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(
        Role.FUND_OFFICER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR, Role.MONITOR
    )


def can_write_plans(user, plan=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.ADVISOR)


def can_approve_plans(user, plan=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)


def can_view_plan(user, plan=None) -> bool:
    """Advisors and the fund see plans; a participant sees their own."""
    if not is_authenticated(user):
        return False
    if user.has_role(Role.ADVISOR, Role.FUND_OFFICER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR):
        return True
    if plan is None:
        return user.has_role(Role.PARTICIPANT)
    return plan.participant.user_id == user.pk


def can_redeem_cheques(user, obj=None) -> bool:
    return is_authenticated(user) and own_provider(user) is not None


def own_provider(user):
    """The provider organisation a provider staff member works for (the first, if several)."""
    providers = user.organisations_for(Role.PROVIDER_STAFF)
    return providers[0] if providers else None


def can_download_cheque_letter(user, plan=None) -> bool:
    """The participant and the advisors may download the cheque letter."""
    if not is_authenticated(user):
        return False
    if user.has_role(Role.ADVISOR):
        return True
    if plan is None:
        return user.has_role(Role.PARTICIPANT)
    return plan.participant.user_id == user.pk
