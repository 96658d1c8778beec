"""Who may see and act on participants. Need to know: an advisor works only for the participants
of their own advice organisation (and the intake queue); see `Participant.in_care_of`."""

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role


def participant_of(obj):
    """The participant an object is about (a participant, or anything with `.participant`)."""
    return getattr(obj, "participant", obj)


def in_advisors_care(user, obj=None) -> bool:
    """An advisor, and (with an object) the object's participant is in their care."""
    if not (is_authenticated(user) and user.has_role(Role.ADVISOR)):
        return False
    return obj is None or participant_of(obj).in_care_of(user)


def can_register_participant(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.ADVISOR, Role.ADMINISTRATOR)


def can_view_participant(user, participant=None) -> bool:
    """The fund sees participants (to decide on plans), an advisor those in their care, a
    participant only their own record."""
    if not is_authenticated(user):
        return False
    if participant is None:
        return user.has_role(Role.ADVISOR, Role.FUND_OFFICER, Role.ADMINISTRATOR, Role.PARTICIPANT)
    return participant.is_visible_to(user)


def can_triage(user, participant=None) -> bool:
    return in_advisors_care(user, participant)


def can_transfer_participant(user, participant=None) -> bool:
    """The participant's own advice organisation hands the file over (or an administrator)."""
    if is_authenticated(user) and user.has_role(Role.ADMINISTRATOR):
        return True
    return in_advisors_care(user, participant)


def can_view_transfers(user, obj=None) -> bool:
    """Both sides of a transfer see it: advisors of the old and of the new organisation."""
    if not (is_authenticated(user) and user.has_role(Role.ADVISOR, Role.ADMINISTRATOR)):
        return False
    if obj is None or user.has_role(Role.ADMINISTRATOR):
        return True
    own = user.organisation_ids_for(Role.ADVISOR)
    return obj.from_organisation_id in own or obj.to_organisation_id in own


def can_decide_duplicates(user, candidate=None) -> bool:
    """Both records must be in the advisor's care: a merge touches both files."""
    if candidate is None:
        return in_advisors_care(user)
    return in_advisors_care(user, candidate.participant) and in_advisors_care(user, candidate.other)


def is_participant_self(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.PARTICIPANT)
