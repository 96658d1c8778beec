from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_view_catalogue(user, obj=None) -> bool:
    return is_authenticated(user)


def can_edit_course(user, course=None) -> bool:
    """Provider staff edit their own provider's courses; the fund edits any course."""
    if not is_authenticated(user):
        return False
    if user.has_role(Role.FUND_OFFICER, Role.ADMINISTRATOR):
        return True
    if not user.has_role(Role.PROVIDER_STAFF):
        return False
    if course is None:
        return True
    return any(
        m.role == Role.PROVIDER_STAFF and m.organisation_id == course.provider_id
        for m in user.memberships.all()
    )
