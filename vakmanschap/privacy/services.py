"""The participant's privacy rights: access (a JSON download), erasure, and retention.

Anonymisation keeps what the fund must keep and what the regional monitor counts, and
removes what identifies the person:

- names, e-mail, phone, current job, training wish, triage reason, identity key: blanked;
- birth date: 1 July of the birth year (ages in statistics stay right to within half a year);
- postcode: the four digits only (7511), enough for area statistics;
- municipality, education level, work situation, triage outcome, dates: kept (statistics);
- career conversations: notes, outcome, next step, location blanked; date and state kept;
- training plans: justification texts and decision reason blanked; amounts, states, courses,
  target occupation and eligibility results kept;
- cheques, ledger entries, invoices and payments: kept, still linked to the (now anonymous)
  participant record, so the books stay complete; a cheque's drop-out reason is blanked;
- the login account (if any): e-mail replaced by a placeholder, name blanked, deactivated;
- the audit trail: entries about these records keep who did what and when, but the old and
  new values, the text representation, serialized data and IP addresses are removed
  (django-auditlog has no built-in redaction; masking only applies to new entries);
- state-change history (django-fsm-log): transitions and times kept, free-text descriptions
  blanked.
"""

import datetime

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm_log.models import StateLog

from vakmanschap.audit.services import record_event
from vakmanschap.core import coded
from vakmanschap.funding.models import Cheque, TrainingPlan
from vakmanschap.funding.models.plans import OPEN_STATES
from vakmanschap.guidance.models import CareerConversation
from vakmanschap.people.choices import Triage
from vakmanschap.people.models import DuplicateCandidate, Participant

from . import texts
from .models import ErasureRequest, ErasureStatus

DEFAULT_RETENTION_DAYS = 2557  # seven years
REDACTED = "[redacted]"
ANONYMISED = "anonymised"


def retention_days() -> int:
    return int(getattr(settings, "VAKMANSCHAP_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


# --- Right of access -------------------------------------------------------------------


def _participant_dict(p: Participant) -> dict:
    return {
        "id": p.pk,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "birth_date": p.birth_date,
        "postcode": p.postcode,
        "municipality": {"code": p.municipality.cbs_code, "name": p.municipality.name},
        "email": p.email,
        "phone": p.phone,
        "education_level": p.get_education_level_display(),
        "work_situation": p.get_work_situation_display(),
        "current_job": p.current_job,
        "training_wish": p.training_wish,
        "work_description": p.work_description,
        "identity_number_known": bool(p.identity_key),
        "triage": p.get_triage_display(),
        "triage_reason": p.triage_reason,
        "career_advisor": str(p.advisor) if p.advisor_id else None,
        "signed_up_at": p.created_at,
        "closed_at": p.closed_at,
        "anonymised_at": p.anonymised_at,
        "consent": {
            "purpose": p.consent_purpose,
            "given_at": p.consent_given_at,
            "privacy_statement_version": p.privacy_version,
        },
    }


def _state_log(objects_by_type: dict) -> list[dict]:
    query = Q(pk__in=[])
    for model, ids in objects_by_type.items():
        if ids:
            ct = ContentType.objects.get_for_model(model)
            query |= Q(content_type=ct, object_id__in=list(ids))
    names = {ContentType.objects.get_for_model(m).pk: m._meta.model_name for m in objects_by_type}
    return [
        {
            "object": f"{names[log.content_type_id]}:{log.object_id}",
            "transition": log.transition,
            "from": log.source_state,
            "to": log.state,
            "at": log.timestamp,
            "description": log.description or "",
        }
        for log in StateLog.objects.filter(query).order_by("timestamp", "pk")
    ]


HISTORY_MODELS = {m._meta.model_name: m for m in (TrainingPlan, Cheque, CareerConversation)}


def readable_state_changes(changes: list[dict]) -> list[dict]:
    """The export's state changes for a reader: what changed (its kind and number) and the
    label of the state it came to, in the active language, instead of codes."""
    rows = []
    for change in changes:
        kind, _sep, number = change["object"].partition(":")
        model = HISTORY_MODELS.get(kind)
        labels = dict(model._meta.get_field("state").flatchoices) if model else {}
        rows.append(
            {
                "at": change["at"],
                "what": model._meta.verbose_name if model else kind,
                "number": number,
                "state": labels.get(change["to"], change["to"]),
                "description": change["description"],
            }
        )
    return rows


def personal_data(participant: Participant) -> dict:
    """Everything the fund holds about this person (GDPR art. 15).

    Career-conversation notes are included: they are personal data about the participant, and
    the right of access covers them. Staff who changed states are not named (their identity
    is their personal data, not the participant's); the career advisor is, as the person knows
    them. Cheque codes are secrets: only their last four characters are shown."""
    records = [participant, *participant.merged_from.select_related("municipality", "advisor")]
    ids = [p.pk for p in records]
    conversations = CareerConversation.objects.filter(participant_id__in=ids).select_related(
        "advisor"
    )
    plans = (
        TrainingPlan.objects.filter(participant_id__in=ids)
        .select_related("target_occupation", "scheme")
        .prefetch_related("courses__course__provider", "cheques__provider")
        .order_by("created_at")
    )
    plan_list, cheque_ids = [], []
    for plan in plans:
        cheques = sorted(plan.cheques.all(), key=lambda c: c.pk)
        cheque_ids += [c.pk for c in cheques]
        plan_list.append(
            {
                "id": plan.pk,
                "state": plan.get_state_display(),
                "scheme": str(plan.scheme),
                "target_occupation": {
                    "uri": plan.target_occupation.uri,
                    "label": str(plan.target_occupation.label()),
                },
                "justification": plan.justification,
                "labour_market_justification": plan.labour_market_justification,
                "total_cents": plan.total_cents,
                "own_contribution_cents": plan.own_contribution_cents,
                "fund_amount_cents": plan.fund_amount_cents,
                "application_date": plan.application_date,
                "submitted_at": plan.submitted_at,
                "decided_at": plan.decided_at,
                "decision_reason": plan.decision_reason,
                "eligibility": plan.eligibility,
                "created_at": plan.created_at,
                "courses": [
                    {
                        "title": pc.course.title,
                        "provider": pc.course.provider.name,
                        "price_cents": pc.price_cents,
                        "fund_amount_cents": pc.fund_amount_cents,
                    }
                    for pc in plan.courses.all()
                ],
                "cheques": [
                    {
                        "id": c.pk,
                        "code_ends_with": c.code_last4,
                        "provider": c.provider.name,
                        "state": c.get_state_display(),
                        "amount_cents": c.amount_cents,
                        "issued_at": c.issued_at,
                        "valid_until": c.valid_until,
                        "booked_at": c.booked_at,
                        "start_date": c.start_date,
                        "attendance_percent": c.attendance_percent,
                        "finished_at": c.finished_at,
                        "drop_out_reason": c.drop_out_reason,
                    }
                    for c in cheques
                ],
            }
        )
    conversation_list = [
        {
            "id": c.pk,
            "scheduled_at": c.scheduled_at,
            "location": c.location,
            "career_advisor": str(c.advisor),
            "state": c.get_state_display(),
            "notes": c.notes,
            "outcome": c.outcome,
            "agreed_next_step": c.next_step,
        }
        for c in conversations
    ]
    requests = ErasureRequest.objects.filter(participant_id__in=ids)
    return {
        "generated_at": timezone.now(),
        "participant": _participant_dict(participant),
        "merged_records": [_participant_dict(p) for p in records[1:]],
        "career_conversations": conversation_list,
        "training_plans": plan_list,
        "state_changes": _state_log(
            {
                TrainingPlan: [p["id"] for p in plan_list],
                Cheque: cheque_ids,
                CareerConversation: [c["id"] for c in conversation_list],
            }
        ),
        "erasure_requests": [
            {
                "requested_at": r.requested_at,
                "reason": r.reason,
                "status": r.get_status_display(),
                "decision_reason": r.decision_reason,
                "decided_at": r.decided_at,
            }
            for r in requests
        ],
    }


# --- Anonymisation ---------------------------------------------------------------------


def _redact_audit_trail(model, pks) -> int:
    """Remove personal values from the audit trail of these objects (who and when stay)."""
    ct = ContentType.objects.get_for_model(model)
    entries = LogEntry.objects.filter(content_type=ct, object_pk__in=[str(pk) for pk in pks])
    count = 0
    for entry in entries.iterator():
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        data = entry.additional_data if isinstance(entry.additional_data, dict) else None
        LogEntry.objects.filter(pk=entry.pk).update(
            changes={field: [REDACTED, REDACTED] for field in changes},
            changes_text="",
            object_repr=f"{model._meta.model_name} #{entry.object_pk}",
            serialized_data=None,
            remote_addr=None,
            additional_data={"event": data["event"]} if data and "event" in data else None,
        )
        count += 1
    return count


def _anonymise_user(user) -> None:
    User = get_user_model()
    placeholder = f"anonymised-{user.pk}@invalid.invalid"
    User.objects.filter(pk=user.pk).update(
        email=placeholder, full_name="", is_active=False, password="!"
    )
    LogEntry.objects.filter(actor_id=user.pk).update(actor_email=None, remote_addr=None)
    _redact_audit_trail(User, [user.pk])


@transaction.atomic
def anonymise(participant: Participant, *, by=None, reason: str = "") -> Participant:
    """Anonymise a participant now (and the records merged into it). Idempotent."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.anonymised_at is not None:
        return participant
    now = timezone.now()
    records = [participant, *Participant.objects.filter(merged_into=participant)]
    for p in records:
        Participant.objects.filter(pk=p.pk).update(
            given_name="",
            family_name="",
            birth_date=datetime.date(p.birth_date.year, 7, 1),
            postcode=(p.postcode or "")[:4],
            email="",
            phone="",
            current_job="",
            training_wish="",
            work_description="",
            # The database requires a reason when the outcome is "not eligible".
            triage_reason=REDACTED if p.triage == Triage.NOT_ELIGIBLE else "",
            identity_key=None,
            closed_at=p.closed_at or now,
            anonymised_at=now,
        )
        if p.user_id:
            _anonymise_user(p.user)
    ids = [p.pk for p in records]
    conversation_ids = list(
        CareerConversation.objects.filter(participant_id__in=ids).values_list("pk", flat=True)
    )
    CareerConversation.objects.filter(pk__in=conversation_ids).update(
        notes="", outcome="", next_step="", location=""
    )
    plan_ids = list(
        TrainingPlan.objects.filter(participant_id__in=ids).values_list("pk", flat=True)
    )
    TrainingPlan.objects.filter(pk__in=plan_ids).update(
        justification="", labour_market_justification="", decision_reason=""
    )
    cheque_ids = list(Cheque.objects.filter(plan_id__in=plan_ids).values_list("pk", flat=True))
    Cheque.objects.filter(pk__in=cheque_ids).update(drop_out_reason="")
    for model, pks in ((TrainingPlan, plan_ids), (Cheque, cheque_ids)):
        StateLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=pks
        ).update(description="")
    StateLog.objects.filter(
        content_type=ContentType.objects.get_for_model(CareerConversation),
        object_id__in=conversation_ids,
    ).update(description="")
    duplicate_ids = DuplicateCandidate.objects.filter(
        Q(participant_id__in=ids) | Q(other_id__in=ids)
    ).values_list("pk", flat=True)
    _redact_audit_trail(Participant, ids)
    _redact_audit_trail(CareerConversation, conversation_ids)
    _redact_audit_trail(DuplicateCandidate, list(duplicate_ids))
    record_event(
        ANONYMISED,
        actor=by,
        obj=participant,
        object_repr=f"participant #{participant.pk}",
        reason=reason,
    )
    participant.refresh_from_db()
    return participant


def expired_participants(now=None):
    """Closed files past the retention period, not yet anonymised, without an open plan."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    open_plans = TrainingPlan.objects.filter(state__in=OPEN_STATES)
    return (
        Participant.objects.filter(
            anonymised_at__isnull=True, merged_into__isnull=True, closed_at__lt=cutoff
        )
        .exclude(pk__in=open_plans.values("participant_id"))
        .order_by("pk")
    )


def anonymise_expired(now=None) -> int:
    count = 0
    for pk in list(expired_participants(now).values_list("pk", flat=True)):
        anonymise(Participant(pk=pk), reason=coded.encode(texts.RETENTION_PERIOD_ENDED))
        count += 1
    return count


# --- Erasure requests ------------------------------------------------------------------


@transaction.atomic
def request_erasure(participant: Participant, *, by, reason: str) -> ErasureRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the data should be erased.")})
    if participant.anonymised_at is not None:
        raise ValidationError(_("This person's data has already been anonymised."))
    Participant.objects.select_for_update().get(pk=participant.pk)
    existing = ErasureRequest.objects.filter(
        participant=participant, status=ErasureStatus.OPEN
    ).first()
    if existing is not None:
        return existing
    return ErasureRequest.objects.create(
        participant=participant, reason=reason.strip(), requested_by=by
    )


@transaction.atomic
def decide_erasure(
    request: ErasureRequest, *, by, approve: bool, reason: str = ""
) -> ErasureRequest:
    """Approve (anonymise now) or refuse (a reason is required). Decided once, and by a second
    person: whoever recorded the request cannot decide it (four eyes; anonymising is final)."""
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ErasureStatus.OPEN:
        raise ValidationError(_("This request has already been decided."))
    if by is None or request.requested_by_id == by.pk:
        raise ValidationError(
            _(
                "You recorded this request, so someone else must decide it: another advisor "
                "of the organisation or a fund officer."
            )
        )
    if not approve and not reason.strip():
        raise ValidationError({"decision_reason": _("Give the reason for refusing.")})
    if approve and TrainingPlan.objects.open().filter(participant=request.participant).exists():
        raise ValidationError(
            _(
                "This person has an open training plan. Close or withdraw it first: the fund "
                "must keep the data of a running plan."
            )
        )
    request.status = ErasureStatus.APPROVED if approve else ErasureStatus.REFUSED
    request.decision_reason, request.decided_by = reason.strip(), by
    request.decided_at = timezone.now()
    request.save()
    if approve:
        anonymise(
            request.participant,
            by=by,
            reason=coded.encode(texts.ERASURE_REQUEST, request=request.pk),
        )
    return request
