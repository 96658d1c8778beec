from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.people.permissions import in_advisors_care
from vakmanschap.region.access import regions_of


def can_manage_budget(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)


def can_view_budget(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(
        Role.FUND_OFFICER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR, Role.MONITOR
    )


def can_write_plans(user, obj=None) -> bool:
    """Advisors write plans for the participants in their care (object: a plan or a
    participant)."""
    return in_advisors_care(user, obj)


def can_approve_plans(user, plan=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)


def can_view_plan(user, plan=None) -> bool:
    """The fund sees every plan with its eligibility (to decide and to pay); an advisor the
    plans of the participants in their care; a participant their own."""
    if not is_authenticated(user):
        return False
    if user.has_role(Role.FUND_OFFICER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR):
        return True
    if plan is None:
        return user.has_role(Role.ADVISOR, Role.PARTICIPANT)
    return plan.participant.user_id == user.pk or in_advisors_care(user, plan)


def can_redeem_cheques(user, obj=None) -> bool:
    return is_authenticated(user) and own_provider(user) is not None


def own_provider(user):
    """The provider organisation a provider staff member works for (the first, if several)."""
    providers = user.organisations_for(Role.PROVIDER_STAFF)
    return providers[0] if providers else None


def can_download_cheque_letter(user, plan=None) -> bool:
    """The participant and the advisors of their organisation may download the cheque letter."""
    if not is_authenticated(user):
        return False
    if plan is None:
        return user.has_role(Role.ADVISOR, Role.PARTICIPANT)
    return plan.participant.user_id == user.pk or in_advisors_care(user, plan)


def can_reissue_cheque_code(user, plan=None) -> bool:
    """A new code (the old one stops working): the participant's own advisors only."""
    return in_advisors_care(user, plan)


def may_decide_plan(user, plan) -> bool:
    """Approve or reject a submitted plan: a fund officer who did not write it and, for the
    second approval, is not the first approver (four eyes)."""
    return (
        can_approve_plans(user) and user.pk != plan.author_id and user.pk != plan.first_approver_id
    )


def can_close_plans(user, plan=None) -> bool:
    """Closing an ended plan's file is the fund's decision."""
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)


def can_cancel_cheques(user, cheque=None) -> bool:
    """Cancelling a cheque (its money goes back to the budget) is the fund's decision, for the
    cheques paid from its own region's funding streams."""
    if not (is_authenticated(user) and user.has_role(Role.FUND_OFFICER)):
        return False
    return cheque is None or cheque_region(cheque) in regions_of(user)


def cheque_region(cheque) -> int:
    """The region whose money pays the cheque (its plan's funding stream, else its scheme)."""
    plan = cheque.plan
    if plan.funding_period_id:
        return plan.funding_period.stream.region_id
    return plan.scheme.region_id


def is_cheque_provider(user, cheque) -> bool:
    """Staff of the provider that holds the cheque."""
    return is_authenticated(user) and any(
        org.pk == cheque.provider_id for org in user.organisations_for(Role.PROVIDER_STAFF)
    )
