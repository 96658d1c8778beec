"""Sign-up, triage and duplicate handling (the Leerwerkloket's first steps)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.audit.services import record_event
from vakmanschap.organisations.models import Organisation

from . import tasks
from .choices import DuplicateStatus, Triage
from .identity import identity_key, is_valid_bsn
from .models import DuplicateCandidate, Participant, ParticipantTransfer, normalise_postcode

TRANSFERRED = "participant_transferred"

SAME_PERSON = "name_birth_date_postcode"
SAME_IDENTITY = "identity_key"


def same_person_candidates(participant: Participant):
    """Other active participants with the same name (any case), birth date and postcode.

    Lower() on both sides, so the functional index participant_same_person answers it."""
    return (
        Participant.objects.active()
        .exclude(pk=participant.pk)
        .annotate(family_lower=Lower("family_name"), given_lower=Lower("given_name"))
        .filter(
            family_lower=Lower(Value(participant.family_name)),
            given_lower=Lower(Value(participant.given_name)),
            birth_date=participant.birth_date,
            postcode=participant.postcode,
        )
    )


def find_duplicates(participant: Participant) -> list[tuple[Participant, str]]:
    return [(other, SAME_PERSON) for other in same_person_candidates(participant)]


# Their values are rows just read (the form's choice, the intake organisation, a new account),
# and the database's foreign keys refuse a dangling one: validating them again costs a query each.
_RELATIONS = [f.name for f in Participant._meta.concrete_fields if f.is_relation]


@transaction.atomic
def register(*, by=None, bsn: str = "", **fields) -> Participant:
    """Create a sign-up. Likely duplicates are flagged for an advisor, never merged silently."""
    return _register(by=by, bsn=bsn, **fields)


def _register(*, by=None, bsn: str = "", **fields) -> Participant:
    """`register` inside a transaction the caller holds (no savepoint of its own)."""
    fields["postcode"] = normalise_postcode(fields.get("postcode", ""))
    fields.setdefault("consent_given_at", timezone.now())
    participant = Participant(created_by=by if getattr(by, "pk", None) else None, **fields)
    if participant.advice_organisation_id is None:
        participant.advice_organisation = intake_organisation(by, participant.municipality)
    existing_identity = None
    if bsn:
        if not is_valid_bsn(bsn):
            raise ValidationError({"bsn": _("This is not a valid citizen service number (BSN).")})
        key = identity_key(bsn)
        existing_identity = Participant.objects.filter(identity_key=key).first()
        if existing_identity is None:
            participant.identity_key = key
    # Not the check constraint either: it concerns the triage, which a new sign-up has not had
    # (the database holds it all the same).
    participant.full_clean(exclude=_RELATIONS, validate_constraints=False)
    participant.save()
    found = find_duplicates(participant)
    if existing_identity is not None:
        found.append((existing_identity, SAME_IDENTITY))
    for other, reason in found:
        DuplicateCandidate.objects.get_or_create(
            **DuplicateCandidate.pair(participant, other), defaults={"reason": reason}
        )
    return participant


def sign_up(*, email: str, language: str = "nl", identity: str = "", **fields) -> User | None:
    """A resident's online sign-up: account, role and participant record in one atomic step.

    No password is hashed here: the account has none until the resident sets one, and the
    confirmation e-mail's single-use link logs them in. An address that already has an account
    gets the same answer (None instead of the account), and its owner an e-mail instead, so the
    page reveals nothing. The unique e-mail address refuses the insert of an address that has an
    account, also when two submissions race with one address: the refused one takes the
    already-registered path. The link's e-mail is enqueued in the sign-up's own transaction, so
    a refused sign-up sends nothing. The view holds no request transaction: this one is the only
    one (no savepoint); inside another it becomes a savepoint."""
    email = email.strip().lower()
    try:
        # The unique e-mail address decides, in one step with the insert: an address that has an
        # account, or one that another submission takes at the same moment, refuses the insert.
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                None,
                full_name=f"{fields['given_name']} {fields['family_name']}",
                preferred_language=language,
            )
            Membership.objects.create(user=user, role=Role.PARTICIPANT)
            # A sign-up after DigiD: the BSN's keyed hash, bound when nobody has it yet.
            if identity and Participant.objects.filter(identity_key=identity).exists():
                identity = ""
            # Account and record written together: one insert, one audit row.
            _register(by=None, email=email, user=user, identity_key=identity or None, **fields)
            tasks.send_sign_up_link.enqueue(user_id=user.pk)
    except IntegrityError:
        if not User.objects.filter(email=email).exists():
            raise
        tasks.send_already_registered.enqueue(email=email)
        return None
    return user


def describe_work(participant: Participant, text: str) -> Participant:
    """Keep the resident's latest description of their work, in their own words (trimmed; the
    model's length limit holds, an empty text clears it)."""
    field = Participant._meta.get_field("work_description")
    try:
        participant.work_description = field.clean((text or "").strip(), participant)
    except ValidationError as exc:
        raise ValidationError({"work_description": exc.error_list}) from exc
    participant.save(update_fields=["work_description"])
    return participant


def advisor_organisation(user) -> Organisation | None:
    """The advice organisation an advisor works for (the first, if several)."""
    if user is None or not getattr(user, "pk", None) or not user.has_role(Role.ADVISOR):
        return None
    organisations = sorted(user.organisations_for(Role.ADVISOR), key=lambda o: o.pk)
    return organisations[0] if organisations else None


def intake_organisation(by, municipality) -> Organisation | None:
    """Who takes up a new sign-up: the registering advisor's organisation; for an online sign-up
    the one advice organisation based in the resident's municipality. Otherwise nobody yet: the
    sign-up waits in the intake queue that every advisor sees, until one takes it up."""
    own = advisor_organisation(by)
    if own is not None:
        return own
    local = list(
        Organisation.objects.of_kind(OrganisationKind.ADVICE).filter(municipality=municipality)[:2]
    )
    return local[0] if len(local) == 1 else None


def take_up(participant: Participant, *, by) -> Participant:
    """An advisor acting on a sign-up from the intake queue takes it into their organisation."""
    if participant.advice_organisation_id is None:
        organisation = advisor_organisation(by)
        if organisation is not None:
            participant.advice_organisation = organisation
            participant.save(update_fields=["advice_organisation"])
    return participant


@transaction.atomic
def transfer(participant: Participant, *, to, by, reason: str) -> ParticipantTransfer:
    """Move a participant to another advice organisation. The new organisation's advisors take
    over; the previous one keeps only the transfer record. Audited."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the transfer.")})
    if to is None or to.kind != OrganisationKind.ADVICE:
        raise ValidationError({"to_organisation": _("Choose an advice organisation.")})
    if to.pk == participant.advice_organisation_id:
        raise ValidationError(
            {"to_organisation": _("The participant is already with this organisation.")}
        )
    record = ParticipantTransfer.objects.create(
        participant=participant,
        from_organisation_id=participant.advice_organisation_id,
        to_organisation=to,
        reason=reason,
        transferred_by=by,
    )
    participant.advice_organisation = to
    participant.advisor = None  # the new organisation assigns its own advisor
    participant.save(update_fields=["advice_organisation", "advisor"])
    record_event(
        TRANSFERRED,
        actor=by,
        obj=participant,
        reason=reason,
        from_organisation=record.from_organisation_id,
        to_organisation=to.pk,
    )
    return record


@transaction.atomic
def triage(participant: Participant, outcome: str, *, by, reason: str = "") -> Participant:
    if outcome not in Triage.values or outcome == Triage.PENDING:
        raise ValidationError({"triage": _("Choose a triage outcome.")})
    if outcome == Triage.NOT_ELIGIBLE and not reason.strip():
        raise ValidationError(
            {"triage_reason": _("Give the reason why this person is not eligible.")}
        )
    take_up(participant, by=by)
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
