"""Named permission functions for nominations. Each takes (user, obj=None).

An employer's nominations are its own staff's and the fund's business; the employee answers
through the secret link, which is the credential.
"""

from vakmanschap.network.permissions import can_manage_employer, can_view_employer


def can_nominate(user, organisation=None) -> bool:
    """Nominate employees and follow their status: own staff and the fund."""
    return can_manage_employer(user, organisation)


def can_view_nomination(user, nomination=None) -> bool:
    if nomination is None:
        return can_view_employer(user)
    return can_view_employer(user, nomination.organisation)


def can_respond_to_nomination(user, nomination=None) -> bool:
    """The secret link is the credential: anyone holding it may answer while it is usable."""
    if nomination is None:
        return True
    return nomination.is_usable


def can_record_nomination_outcome(user, nomination=None) -> bool:
    """Whether the employee stayed and got more hours: the employer's own staff and the fund."""
    if nomination is None:
        return can_manage_employer(user)
    return can_manage_employer(user, nomination.organisation)
