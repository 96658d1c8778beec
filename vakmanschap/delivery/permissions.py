"""Named permission functions for the provider portal, invoices and payments.

Each takes (user, obj=None). Without an object they answer "may this person open this kind of
page"; with one, "may they see or act on this object" (views turn a no into a 404).
"""

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role

FUND_ROLES = (Role.FUND_OFFICER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR)


def provider_ids(user) -> set[int]:
    """The provider organisations this person works for (as provider staff)."""
    return user.organisation_ids_for(Role.PROVIDER_STAFF)


def can_use_provider_portal(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.PROVIDER_STAFF)


def can_act_on_cheque(user, cheque=None) -> bool:
    """Provider staff act on their own provider's cheques only."""
    if not can_use_provider_portal(user):
        return False
    return cheque is None or cheque.provider_id in provider_ids(user)


def can_view_delivery(user, cheque=None) -> bool:
    """A cheque's delivery records (the certificate among them): its provider and the fund."""
    if not is_authenticated(user):
        return False
    if user.has_role(*FUND_ROLES):
        return True
    return can_act_on_cheque(user, cheque)


def can_view_invoice(user, invoice=None) -> bool:
    if not is_authenticated(user):
        return False
    if user.has_role(*FUND_ROLES):
        return True
    return can_use_provider_portal(user) and (
        invoice is None or invoice.provider_id in provider_ids(user)
    )


def can_check_invoices(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)


def can_see_needs_action(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER)


def can_manage_payments(user, obj=None) -> bool:
    """Approving invoices, payment batches, recoveries and provider bank accounts."""
    return is_authenticated(user) and user.has_role(Role.FINANCE_OFFICER)


def can_decide_invoices(user, obj=None) -> bool:
    """Rejecting an invoice: the fund officer (before the check) or finance (after it)."""
    return is_authenticated(user) and user.has_role(Role.FUND_OFFICER, Role.FINANCE_OFFICER)
