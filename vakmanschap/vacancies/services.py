"""Vacancies and learning-work places (issue 5, part 6), and the NT2 requirement (part 5).

- A vacancy's title is matched to an ESCO occupation by the skills engine (`match_titles`);
  the best match is stored with its score, and staff may pick another from the top 5. Without
  ESCO or the engine, staff choose the occupation from the shortage list.
- Routes show "companies in Twente that take you on this route": employers with an open
  vacancy for the route's target occupation.
- When a vacancy opens, participants who opted in (`ParticipantProfile.opt_in_vacancies`) and
  whose occupations held, training-plan targets or nominations match its occupation get a
  `VacancyMatch`; their advisor gets an e-mail (after commit) and a needs-action row.
  Computing every participant's routes for every vacancy would be too slow, so "routes" here
  means the route the participant chose (plan target or nomination), not all candidates.
- NT2: the level a route needs comes from `NT2_REQUIRED` (per occupation URI, else per
  shortage-list sector, else `NT2_DEFAULT`), overridable with the `NETWORK_NT2_REQUIRED`
  setting (same shape). Care needs B1, technical occupations A2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakmanschap.core.presentation import format_day
from vakmanschap.core.tasks import send_email
from vakmanschap.esco.models import Concept, attach_preferred_labels
from vakmanschap.nominations.models import Nomination
from vakmanschap.nominations.services import shortage_occupations, shortage_sector
from vakmanschap.notifications.needs_action import Row, url_or_none
from vakmanschap.people.models import Participant
from vakmanschap.skills import loader, services

from .models import (
    NT2_ORDER,
    OccupationSource,
    ParticipantProfile,
    Vacancy,
    VacancyMatch,
)

CANDIDATES = 5

NT2_DEFAULT = "B1"
NT2_REQUIRED = {
    "sectors": {
        "zorg": "B1",
        "welzijn": "B1",
        "onderwijs": "B2",
        "ict": "B1",
        "techniek": "A2",
        "bouw": "A2",
        "logistiek": "A2",
        "productie": "A2",
    },
    "occupations": {},  # ESCO URI -> level, for exceptions
}


# ------------------------------------------------------------------------ occupation matching
def match_title(title: str, k: int = CANDIDATES, lang: str | None = None):
    """[(Concept, label, score)] for a vacancy title; [] without ESCO or engine."""

    if not (title or "").strip():
        return []
    try:
        return services.match_occupations(title, k, lang)
    except loader.EscoNotImported:
        return []
    except Exception:  # noqa: BLE001 - a vacancy can always be saved without a match
        return []


def apply_match(vacancy: Vacancy, chosen=None) -> None:
    """Store staff's choice, or else the engine's best match for the title."""
    if chosen is not None:
        if chosen != vacancy.occupation or vacancy.occupation_source != OccupationSource.STAFF:
            vacancy.occupation, vacancy.occupation_source = chosen, OccupationSource.STAFF
            vacancy.occupation_score = None
        return
    matches = match_title(vacancy.title, 1)
    if matches:
        concept, _label, score = matches[0]
        vacancy.occupation, vacancy.occupation_source = concept, OccupationSource.ENGINE
        vacancy.occupation_score = float(score)


def candidate_occupations(title: str, current=None):
    """What staff may pick: the engine's top 5 for the title, the current occupation, and the
    region's shortage occupations (the only choice when the engine is absent)."""

    seen, out = set(), []
    for concept in (
        [c for c, _l, _s in match_title(title)]
        + ([current] if current else [])
        + shortage_occupations()
    ):
        if concept.pk not in seen:
            seen.add(concept.pk)
            out.append(concept)
    return attach_preferred_labels(out)


@transaction.atomic
def save_vacancy(vacancy: Vacancy, *, chosen_occupation=None, by=None) -> Vacancy:
    """Validate, match and save; queue the advisor notifications when it is (re)opened."""
    was_open = False
    if vacancy.pk:
        was_open = Vacancy.objects.filter(pk=vacancy.pk, is_open=True).exists()
    elif by is not None and getattr(by, "pk", None):
        vacancy.created_by = by
    apply_match(vacancy, chosen_occupation)
    vacancy.full_clean()
    vacancy.save()
    if vacancy.is_open and (not was_open or vacancy.notified_at is None):
        notify_matches(vacancy)
    return vacancy


# ------------------------------------------------------------------------ matching participants
def matching_participants(vacancy: Vacancy):
    if vacancy.occupation_id is None:
        return Participant.objects.none()
    occ = vacancy.occupation_id
    return (
        Participant.objects.active()
        .filter(network_profile__opt_in_vacancies=True)
        .filter(
            Q(occupations_held__occupation_id=occ)
            | Q(plans__target_occupation_id=occ)
            | Q(nomination__target_occupation_id=occ)
        )
        .select_related("advisor")
        .distinct()
    )


def notify_matches(vacancy: Vacancy) -> list[VacancyMatch]:
    """Record matches and e-mail each advisor once (after commit). Returns the new matches."""
    new = []
    by_advisor: dict = {}
    for participant in matching_participants(vacancy):
        match, created = VacancyMatch.objects.get_or_create(
            vacancy=vacancy, participant=participant
        )
        if created:
            new.append(match)
            if participant.advisor_id and participant.advisor.email:
                by_advisor.setdefault(participant.advisor, []).append(participant)
    vacancy.notified_at = timezone.now()
    Vacancy.objects.filter(pk=vacancy.pk).update(notified_at=vacancy.notified_at)
    base = getattr(settings, "VAKMANSCHAP_BASE_URL", "http://localhost:8000").rstrip("/")
    for advisor, people in by_advisor.items():
        with translation.override(
            getattr(advisor, "preferred_language", "") or settings.LANGUAGE_CODE
        ):
            subject = _("A vacancy fits %(count)s of your participants") % {"count": len(people)}
            body = render_to_string(
                "vacancies/email/vacancy_match.txt",
                {
                    "vacancy": vacancy,
                    "people": people,
                    "advisor": advisor,
                    "link": base + reverse("network:vacancy_detail", args=[vacancy.pk]),
                    "needs_action": base + _needs_action_path(),
                },
            )
        to = [advisor.email]
        transaction.on_commit(
            lambda s=subject, b=body, t=to: send_email.enqueue(subject=s, body=b, to=t), robust=True
        )
    return new


def _needs_action_path() -> str:
    return url_or_none("notifications:needs_action") or "/"


def open_matches_for_advisor(user):
    return (
        VacancyMatch.objects.filter(
            handled_at__isnull=True, vacancy__is_open=True, participant__advisor=user
        )
        .select_related("vacancy__organisation", "vacancy__municipality", "participant")
        .order_by("created_at", "pk")
    )


def describe_match(match: VacancyMatch):
    v = match.vacancy
    return Row(
        _("%(person)s fits %(title)s at %(employer)s")
        % {"person": match.participant, "title": v.title, "employer": v.organisation.name},
        reverse("network:vacancy_detail", args=[v.pk]),
        ", ".join(
            [v.municipality.name, format_day(v.start_date)]
            + ([_("learning on the job (BBL)")] if v.bbl else [])
        ),
    )


# ------------------------------------------------------------------------ NT2
def required_nt2(occupation, sector: str | None = None) -> str:
    table = getattr(settings, "NETWORK_NT2_REQUIRED", None) or NT2_REQUIRED
    if occupation is not None and occupation.uri in table.get("occupations", {}):
        return table["occupations"][occupation.uri]
    if sector is None:
        sector = shortage_sector(occupation)
    return table.get("sectors", {}).get((sector or "").lower(), table.get("default", NT2_DEFAULT))


def below(level: str, needed: str) -> bool:
    if not level or level not in NT2_ORDER or needed not in NT2_ORDER:
        return False
    return NT2_ORDER.index(level) < NT2_ORDER.index(needed)


# ------------------------------------------------------------------------ under the routes
@dataclass
class RouteExtra:
    occupation: object
    label: str
    nt2_needed: str = ""
    nt2_short: bool = False
    vacancies: list = field(default_factory=list)


def route_targets(participant, lang: str | None = None) -> list:
    """The occupations the participant's routes lead to (engine, when present), then those of
    their plans and nominations."""

    targets: list = []
    try:
        targets = [r.occupation for r in services.routes_for(participant, 5, lang) if r.occupation]
    except loader.EscoNotImported:
        targets = []
    except Exception:  # noqa: BLE001 - the extras must never break the participant's page
        targets = []
    ids = [c.pk for c in targets]
    more = list(participant.plans.values_list("target_occupation_id", flat=True))
    more += list(
        Nomination.objects.filter(participant=participant).values_list(
            "target_occupation_id", flat=True
        )
    )
    extra = [i for i in dict.fromkeys(more) if i and i not in ids]
    by_id = Concept.objects.in_bulk(extra)
    return attach_preferred_labels(targets + [by_id[i] for i in extra if i in by_id])


def route_extras(participant, lang: str | None = None) -> list[RouteExtra]:
    profile = ParticipantProfile.objects.filter(participant=participant).first()
    level = profile.nt2_level if profile else ""
    out = []
    targets = route_targets(participant, lang)
    open_vacancies = (
        Vacancy.objects.open()
        .filter(occupation__in=targets)
        .select_related("organisation", "municipality")
        .order_by("start_date", "organisation__name")
    )
    by_occ: dict[int, list] = {}
    for v in open_vacancies:
        by_occ.setdefault(v.occupation_id, []).append(v)
    for occupation in targets:
        needed = required_nt2(occupation) if level else ""
        out.append(
            RouteExtra(
                occupation=occupation,
                label=str(occupation),
                nt2_needed=needed,
                nt2_short=below(level, needed),
                vacancies=by_occ.get(occupation.pk, []),
            )
        )
    return out


def vacancy_rows(organisation) -> list[dict]:
    return [
        api_row(v)
        for v in Vacancy.objects.filter(organisation=organisation)
        .select_related("occupation", "municipality")
        .order_by("start_date", "pk")
    ]


def api_row(v: Vacancy) -> dict:
    return {
        "id": v.pk,
        "title": v.title,
        "occupation": {
            "uri": v.occupation.uri,
            "label": str(v.occupation),
            "source": v.occupation_source,
            "score": v.occupation_score,
        }
        if v.occupation_id
        else None,
        "hours_per_week": v.hours_per_week,
        "municipality": v.municipality.name,
        "start_date": v.start_date.isoformat(),
        "bbl": v.bbl,
        "is_open": v.is_open,
    }
