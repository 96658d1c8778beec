"""Employer-backed training (issue 5, parts 4 and 5): an employer nominates an employee for a
route into a shortage occupation; the employee consents (or not) behind an e-mailed link.

Rules:
- Nothing is shared before consent. The nomination holds only what the employer typed itself;
  the participant record is created on consent, with the employee's own details.
- The link carries a token; only its SHA-256 hash is stored. It is single use (the answer is
  written under a row lock) and expires after `NOMINATION_VALID_DAYS`.
- On consent the employer's co-financing share enters the fund's ledger as an employer
  contribution: an `allocate` movement on a budget period of the employer's own funding stream
  (`FunderKind.EMPLOYERS`, named after the employer, made when missing; the period is the
  calendar year of the consent). An allocation is money arriving for the fund to spend, which is
  what a co-financing pledge is; keeping one stream per employer lets the fund report each
  employer's contribution and keeps it out of the public streams' periods.
- The employer sees a status only: invited, consented, declined, or the state of the training
  plan once there is one. Never the participant record or conversation notes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakmanschap.catalogue.models import Course
from vakmanschap.core.tasks import send_email
from vakmanschap.esco.models import Concept, ShortageOccupation, attach_preferred_labels
from vakmanschap.esco.shortage import shortage_list_on
from vakmanschap.funding import ledger, texts
from vakmanschap.funding.models import BudgetPeriod, FunderKind, FundingStream
from vakmanschap.network.tokens import hash_token, new_token
from vakmanschap.people.services import register
from vakmanschap.skills import loader, services
from vakmanschap.skills.services import scheme_region
from vakmanschap.skills_engine import routes as engine_routes

from .models import NOMINATION_VALID_DAYS, Nomination, NominationStatus

EMPLOYER_STREAM_NAME = "{name} (KvK {kvk})"


class NominationError(Exception):
    """The nomination link cannot be used (expired, already answered, unknown)."""


# ------------------------------------------------------------------------ shortage occupations
def shortage_occupations():
    """The region's current shortage list, as ESCO concepts with labels, in list order."""

    current = shortage_list_on(scheme_region())
    if current is None:
        return []
    ids = list(
        ShortageOccupation.objects.filter(shortage_list=current)
        .order_by("id")
        .values_list("occupation_id", flat=True)
    )
    by_id = Concept.objects.in_bulk(ids)
    return attach_preferred_labels([by_id[i] for i in ids if i in by_id])


def shortage_sector(occupation) -> str:
    """The sector the current shortage list gives this occupation ("zorg", "techniek", …)."""

    current = shortage_list_on(scheme_region())
    if current is None or occupation is None:
        return ""
    row = ShortageOccupation.objects.filter(shortage_list=current, occupation=occupation).first()
    return row.sector if row else ""


# ------------------------------------------------------------------------ route preview
@dataclass
class RoutePreview:
    """The engine's route from the employee's current job to the chosen occupation."""

    matched_label: str
    target_label: str
    gaps: list[str] = field(default_factory=list)
    courses: list = field(default_factory=list)
    total_price_cents: int = 0
    total_months: float = 0
    eligible: bool = False


def route_preview(current_job: str, target, lang: str | None = None) -> RoutePreview | None:
    """None when ESCO or the engine is absent, the title matches no occupation, or the engine
    finds no route: the form then simply offers the occupation choice."""

    if not current_job or target is None:
        return None
    lang = services.label_language(lang)
    try:
        engine = loader.get_engine()
        (matches,) = engine.match_titles([current_job], 1, lang)
        if not matches or target.uri not in engine.occ_pos:
            return None
        uri, label, _score = matches[0]
        person = engine_routes.Person(occupations=[engine_routes.HeldOccupation(uri, 2.0)])
        shortage = [engine_routes.ShortageOccupation(target.uri, shortage_sector(target), "")]
        routes = engine.routes(
            person,
            shortage,
            services.engine_courses(engine.skill_pos),
            services.engine_rules(),
            k=1,  # only the chosen occupation is a target: never a route elsewhere
        )
    except loader.EscoNotImported:
        return None
    except Exception:  # noqa: BLE001 - a preview must never break the nomination form
        return None
    if not routes:
        return None
    route = routes[0]
    courses = Course.objects.select_related("provider").in_bulk([int(c) for c in route.courses])
    return RoutePreview(
        matched_label=label,
        target_label=route.label.get(lang) or route.label.get("en", route.uri),
        gaps=[engine.skill_label(u, lang) for u in route.gaps],
        courses=[courses[int(c)] for c in route.courses if int(c) in courses],
        total_price_cents=route.total_price_cents,
        total_months=route.total_months,
        eligible=route.eligible,
    )


# ------------------------------------------------------------------------ nominate
def nominate(
    organisation, *, by, link_for, days: int = NOMINATION_VALID_DAYS, **fields
) -> tuple[Nomination, str]:
    """Create the nomination and e-mail the employee. Returns (nomination, token); the token
    is not stored. `link_for(token)` gives the absolute consent URL."""
    token = new_token()
    with transaction.atomic():
        nomination = Nomination(
            organisation=organisation,
            nominated_by=by if getattr(by, "pk", None) else None,
            token_hash=hash_token(token),
            expires_at=timezone.now() + datetime.timedelta(days=days),
            **fields,
        )
        nomination.email = nomination.email.lower()
        nomination.full_clean()
        nomination.save()
        context = {
            "nomination": nomination,
            "organisation": organisation,
            "link": link_for(token),
            "expires_at": nomination.expires_at,
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("%(name)s invites you to train for a new occupation") % {
                "name": organisation.name
            }
            body = render_to_string("nominations/email/nomination_invitation.txt", context)
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, to=[nomination.email]),
            robust=True,
        )
    return nomination, token


def for_token(token: str) -> Nomination | None:
    return (
        Nomination.objects.select_related("organisation", "target_occupation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def _locked(token: str) -> Nomination:
    nomination = for_token(token)
    if nomination is None:
        raise NominationError(_("This link is not valid."))
    nomination = (
        Nomination.objects.select_for_update().select_related("organisation").get(pk=nomination.pk)
    )
    if nomination.status != NominationStatus.INVITED:
        raise NominationError(_("This invitation has already been answered."))
    if nomination.is_expired:
        raise NominationError(_("This invitation has expired. Ask your employer for a new one."))
    return nomination


@transaction.atomic
def consent(
    token: str,
    *,
    birth_date,
    postcode,
    municipality,
    education_level,
    consent_purpose: str,
    privacy_version: str,
):
    """The employee agrees: create the participant, link it, book the co-financing."""

    nomination = _locked(token)
    participant = register(
        by=None,
        given_name=nomination.given_name,
        family_name=nomination.family_name,
        email=nomination.email,
        birth_date=birth_date,
        postcode=postcode,
        municipality=municipality,
        education_level=education_level,
        work_situation=nomination.work_situation,
        current_job=nomination.current_job,
        training_wish=_("Nominated by %(employer)s for a route to %(occupation)s.")
        % {"employer": nomination.organisation.name, "occupation": nomination.target_occupation},
        consent_purpose=consent_purpose,
        privacy_version=privacy_version,
    )
    nomination.participant = participant
    nomination.status = NominationStatus.CONSENTED
    nomination.responded_at = timezone.now()
    if nomination.co_financing_cents:
        nomination.ledger_entry = book_co_financing(nomination)
    nomination.save(update_fields=["participant", "status", "responded_at", "ledger_entry"])
    return nomination


@transaction.atomic
def decline(token: str) -> Nomination:
    nomination = _locked(token)
    nomination.status = NominationStatus.DECLINED
    nomination.responded_at = timezone.now()
    nomination.save(update_fields=["status", "responded_at"])
    return nomination


# ------------------------------------------------------------------------ ledger
def employer_period(organisation, on_date: datetime.date | None = None):
    """The budget period of the employer's own funding stream covering `on_date`; the stream
    (funder kind EMPLOYERS) and a calendar-year period are made when missing."""

    on_date = on_date or timezone.localdate()
    name = EMPLOYER_STREAM_NAME.format(name=organisation.name, kvk=organisation.kvk_number or "–")
    stream, _created = FundingStream.objects.get_or_create(
        employer=organisation, defaults={"name": name[:200], "funder_kind": FunderKind.EMPLOYERS}
    )
    period = stream.periods.filter(start__lte=on_date, end__gte=on_date).order_by("start").first()
    if period is None:
        period, _created = BudgetPeriod.objects.get_or_create(
            stream=stream,
            start=datetime.date(on_date.year, 1, 1),
            defaults={"end": datetime.date(on_date.year, 12, 31)},
        )
    return period


def book_co_financing(nomination: Nomination):
    period = employer_period(nomination.organisation)
    return ledger.post(
        period.pk,
        "allocate",
        int(nomination.co_financing_cents),
        reason_code=texts.LEDGER_EMPLOYER_CO_FINANCING,
        reason_params={"employer": nomination.organisation.name, "nomination": nomination.pk},
    )


# ------------------------------------------------------------------------ what the employer sees
def status_label(nomination: Nomination) -> str:
    """Invited / consented / declined, or "in plan: <state>" — the only thing the employer
    learns about the employee after the nomination."""
    if nomination.status == NominationStatus.INVITED and nomination.is_expired:
        return _("Invitation expired")
    if nomination.status == NominationStatus.CONSENTED and nomination.participant_id:
        plan = nomination.participant.plans.order_by("-created_at", "-pk").first()
        if plan is not None:
            return _("In plan: %(state)s") % {"state": plan.get_state_display()}
    return nomination.get_status_display()


def employer_rows(organisation) -> list[dict]:
    """The employer's view of its nominations: its own input plus a status. Nothing else."""
    rows = []
    qs = (
        Nomination.objects.of_employer(organisation)
        .select_related("target_occupation", "participant")
        .order_by("-created_at", "-pk")
    )
    for n in qs:
        rows.append(
            {
                "id": n.pk,
                "name": n.name,
                "current_job": n.current_job,
                "target_occupation": str(n.target_occupation),
                "hours_now": n.hours_now,
                "extra_hours_offer": n.extra_hours_offer,
                "co_financing_cents": n.co_financing_cents,
                "status": n.status,
                "status_label": status_label(n),
                "created_at": n.created_at,
                "stayed_on": n.stayed_on,
                "got_more_hours": n.got_more_hours,
                "outcome_recorded_at": n.outcome_recorded_at,
            }
        )
    return rows


def offers_for(participant) -> list[Nomination]:
    """Consented nominations of this participant with a "more hours after training" offer."""
    return list(
        Nomination.objects.filter(
            participant=participant, extra_hours_offer__gt=0, status=NominationStatus.CONSENTED
        ).select_related("organisation", "target_occupation")
    )


def record_outcome(nomination: Nomination, *, stayed_on: bool, got_more_hours: bool) -> Nomination:
    """The employer's word on what came of a consented nomination: did the employee stay, and
    get more hours? Recorded again, it replaces the earlier answer with today's date."""
    if nomination.status != NominationStatus.CONSENTED:
        raise ValidationError(_("Only a nomination the employee consented to has an outcome."))
    nomination.stayed_on, nomination.got_more_hours = stayed_on, got_more_hours
    nomination.outcome_recorded_at = timezone.now()
    nomination.save(update_fields=["stayed_on", "got_more_hours", "outcome_recorded_at"])
    return nomination
