"""Named permission functions for the follow-up. Each takes (user, obj=None)."""

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def can_use_follow_up_link(user, follow_up=None) -> bool:
    """The e-mailed link is the credential: it opens only its own questionnaire, once."""
    if follow_up is None:
        return True
    return follow_up.link_is_usable


def can_record_follow_up(user, follow_up=None) -> bool:
    """Advisors record answers from a phone call, for participants of their own advice
    organisation (the participant's advisor's organisation; anyone's while unassigned)."""
    if not (is_authenticated(user) and user.has_role(Role.ADVISOR)):
        return False
    if follow_up is None:
        return True
    advisor = follow_up.plan.participant.advisor
    if advisor is None:
        return True
    own = {o.pk for o in user.organisations_for(Role.ADVISOR)}
    return bool(own & {o.pk for o in advisor.organisations_for(Role.ADVISOR)})
