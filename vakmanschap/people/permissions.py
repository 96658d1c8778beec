from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_register_participant(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.ADVISOR, Role.ADMINISTRATOR)


def can_view_participant(user, participant=None) -> bool:
    """Advisors and the fund see participants; a participant sees only their own record."""
    if not is_authenticated(user):
        return False
    if user.has_role(Role.ADVISOR, Role.FUND_OFFICER, Role.ADMINISTRATOR):
        return True
    if participant is None:
        return user.has_role(Role.PARTICIPANT)
    return participant.user_id == user.pk


def can_triage(user, participant=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.ADVISOR)


def can_decide_duplicates(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.ADVISOR)


def is_participant_self(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.PARTICIPANT)
