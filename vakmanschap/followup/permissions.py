"""Named permission functions for the follow-up. Each takes (user, obj=None)."""

from vakmanschap.people.permissions import in_advisors_care


def can_use_follow_up_link(user, follow_up=None) -> bool:
    """The e-mailed link is the credential: it opens only its own questionnaire, once."""
    if follow_up is None:
        return True
    return follow_up.link_is_usable


def can_record_follow_up(user, follow_up=None) -> bool:
    """Advisors record answers from a phone call for participants in their care (their own
    advice organisation's); another organisation's follow-up answers 404."""
    return in_advisors_care(user, follow_up.plan if follow_up is not None else None)
