"""Sign-up, triage and duplicate handling (the Leerwerkloket's first steps)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import DuplicateStatus, Triage
from .identity import identity_key, is_valid_bsn
from .models import DuplicateCandidate, Participant, normalise_postcode

SAME_PERSON = "name_birth_date_postcode"
SAME_IDENTITY = "identity_key"


def find_duplicates(participant: Participant) -> list[tuple[Participant, str]]:
    same_person = Q(
        given_name__iexact=participant.given_name,
        family_name__iexact=participant.family_name,
        birth_date=participant.birth_date,
        postcode=participant.postcode,
    )
    matches = []
    candidates = Participant.objects.active().exclude(pk=participant.pk)
    for other in candidates.filter(same_person):
        matches.append((other, SAME_PERSON))
    return matches


@transaction.atomic
def register(*, by=None, bsn: str = "", **fields) -> Participant:
    """Create a sign-up. Likely duplicates are flagged for an advisor, never merged silently."""
    fields["postcode"] = normalise_postcode(fields.get("postcode", ""))
    fields.setdefault("consent_given_at", timezone.now())
    participant = Participant(created_by=by if getattr(by, "pk", None) else None, **fields)
    existing_identity = None
    if bsn:
        if not is_valid_bsn(bsn):
            raise ValidationError({"bsn": _("This is not a valid citizen service number (BSN).")})
        key = identity_key(bsn)
        existing_identity = Participant.objects.filter(identity_key=key).first()
        if existing_identity is None:
            participant.identity_key = key
    participant.full_clean()
    participant.save()
    found = find_duplicates(participant)
    if existing_identity is not None:
        found.append((existing_identity, SAME_IDENTITY))
    for other, reason in found:
        DuplicateCandidate.objects.get_or_create(
            participant=participant, other=other, defaults={"reason": reason}
        )
    return participant


@transaction.atomic
def triage(participant: Participant, outcome: str, *, by, reason: str = "") -> Participant:
    if outcome not in Triage.values or outcome == Triage.PENDING:
        raise ValidationError({"triage": _("Choose a triage outcome.")})
    if outcome == Triage.NOT_ELIGIBLE and not reason.strip():
        raise ValidationError(
            {"triage_reason": _("Give the reason why this person is not eligible.")}
        )
    participant.triage, participant.triage_reason = outcome, reason.strip()
    if outcome == Triage.CONVERSATION_NEEDED and participant.advisor_id is None:
        participant.advisor = by
    # Information only or not eligible ends the file; the retention period starts now.
    ended = outcome in (Triage.INFORMATION_ONLY, Triage.NOT_ELIGIBLE)
    participant.closed_at = timezone.now() if ended else None
    participant.save(update_fields=["triage", "triage_reason", "advisor", "closed_at"])
    return participant


@transaction.atomic
def merge(candidate: DuplicateCandidate, *, keep: Participant, by) -> Participant:
    """Keep one record; the other points to it and drops out of every list."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != DuplicateStatus.OPEN:
        raise ValidationError(_("This possible duplicate has already been decided."))
    pair = {candidate.participant_id, candidate.other_id}
    if keep.pk not in pair:
        raise ValidationError(_("Keep one of the two records."))
    drop = Participant.objects.get(pk=(pair - {keep.pk}).pop())
    drop.merged_into = keep
    drop.save(update_fields=["merged_into"])
    _decide(candidate, DuplicateStatus.MERGED, by)
    return keep


@transaction.atomic
def reject_duplicate(candidate: DuplicateCandidate, *, by) -> None:
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != DuplicateStatus.OPEN:
        raise ValidationError(_("This possible duplicate has already been decided."))
    _decide(candidate, DuplicateStatus.REJECTED, by)


def _decide(candidate, status, by):
    candidate.status, candidate.decided_by, candidate.decided_at = status, by, timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
