from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_view_organisation(user, organisation=None) -> bool:
    """Members see their own organisation; the fund's staff and administrators see all."""
    if not is_authenticated(user):
        return False
    if organisation is None:
        return True  # the list is filtered by Organisation.objects.visible_to(user)
    if user.has_role(Role.ADMINISTRATOR, Role.FUND_OFFICER, Role.FINANCE_OFFICER):
        return True
    return any(m.organisation_id == organisation.pk for m in user.memberships.all())
