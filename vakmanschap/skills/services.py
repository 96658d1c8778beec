"""Between the database and the engine: a participant as an engine `Person`, the catalogue as
engine `Course`s, the region's shortage list, the scheme's `Rules`, and routes ready to show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from vakmanschap.catalogue.models import Course
from vakmanschap.esco.models import (
    DEFAULT_REGION,
    Concept,
    ConceptKind,
    OccupationSkill,
    RelationType,
    ShortageOccupation,
    attach_preferred_labels,
    current_language,
)
from vakmanschap.esco.shortage import shortage_list_on
from vakmanschap.funding.schemes import current_scheme
from vakmanschap.skills_engine import routes as engine_routes

from . import loader
from .models import CourseSkill, PersonOccupation, PersonSkill, SkillStatus

# The people app's education levels -> the engine's EDUCATION_LEVEL keys.
EDUCATION = {
    "none": "none",
    "primary": "basisonderwijs",
    "vmbo": "vmbo",
    "mbo1": "mbo1",
    "mbo2": "mbo2",
    "mbo3": "mbo3",
    "mbo4": "mbo4",
    "havo_vwo": "havo",
    "hbo": "hbo",
    "wo": "wo",
}


def label_language(lang: str | None = None) -> str:
    lang = (lang or current_language() or "nl").split("-")[0]
    return lang if lang in ("nl", "en") else "nl"


# ---------------------------------------------------------------------- engine inputs
def engine_person(participant) -> engine_routes.Person:
    held = PersonOccupation.objects.filter(participant=participant).values_list(
        "occupation__uri", "years"
    )
    skills: dict[str, list[str]] = {s: [] for s in SkillStatus.values}
    for uri, status in PersonSkill.objects.filter(participant=participant).values_list(
        "skill__uri", "status"
    ):
        skills[status].append(uri)
    return engine_routes.Person(
        occupations=[engine_routes.HeldOccupation(uri, float(years)) for uri, years in held],
        confirmed_skills=skills[SkillStatus.CONFIRMED],
        added_skills=skills[SkillStatus.ADDED],
        removed_skills=skills[SkillStatus.REMOVED],
        education=EDUCATION.get(participant.education_level),
    )


def engine_courses(known_skills=None) -> list[engine_routes.Course]:
    """Active catalogue courses with their confirmed skill tags (courses without any are left
    out: they cannot close a gap)."""

    tags: dict[int, list[str]] = {}
    for course_id, uri in CourseSkill.objects.filter(
        confirmed=True, course__is_active=True
    ).values_list("course_id", "skill__uri"):
        if known_skills is None or uri in known_skills:
            tags.setdefault(course_id, []).append(uri)
    return [
        engine_routes.Course(str(pk), title, level, price, float(months), tags[pk], str(provider))
        for pk, title, level, price, months, provider in Course.objects.active()
        .filter(pk__in=tags)
        .values_list("pk", "title", "level", "price_cents", "duration_months", "provider_id")
        .order_by("pk")
    ]


def engine_shortage(
    region=DEFAULT_REGION, on_date: datetime.date | None = None, known_occupations=None
) -> list[engine_routes.ShortageOccupation]:
    current = shortage_list_on(region, on_date)
    if current is None:
        return []
    rows = (
        ShortageOccupation.objects.filter(shortage_list=current)
        .values_list("occupation__uri", "sector", "label")
        .order_by("id")
    )
    return [
        engine_routes.ShortageOccupation(uri, sector, label)
        for uri, sector, label in rows
        if known_occupations is None or uri in known_occupations
    ]


def engine_rules(scheme=None) -> engine_routes.Rules:
    """The fund's limits from the scheme valid today (engine defaults when none is set)."""
    if scheme is None:
        scheme = current_scheme()
    if scheme is None:
        return engine_routes.Rules()
    return engine_routes.Rules(
        max_level=scheme.max_course_level, max_amount_cents=scheme.max_amount_cents
    )


def scheme_region():
    """The labour-market region of the scheme valid today (None: the fund's home region)."""

    scheme = current_scheme()
    return scheme.region if scheme else DEFAULT_REGION


# ---------------------------------------------------------------------- routes to show
@dataclass
class SkillRef:
    uri: str
    label: str
    pk: int | None = None
    label_text: object = None  # esco LabelText: marks an English fallback for Dutch pages


@dataclass
class RouteView:
    route: engine_routes.Route
    occupation: Concept | None
    label: str
    explanation: str
    matched: list[tuple[SkillRef, SkillRef]]
    gaps: list[SkillRef]
    uncovered: list[SkillRef]
    courses: list = field(default_factory=list)  # catalogue Course objects, in order

    @property
    def score_percent(self) -> int:
        return int(round(self.route.score * 100))


def routes_for(participant, k: int = 5, lang: str | None = None) -> list[RouteView]:
    """Ranked routes from the participant's occupations and skills into the shortage list."""
    return _routes_for_person(engine_person(participant), k, lang)


def plan_sample_routes() -> int:
    """The routes of a made-up resident who held the first shortage occupation for five years,
    through the same steps as a resident's; how many. Run in gunicorn's master before the fork,
    so that the workers share what a first route plan builds (gunicorn.conf.py)."""
    shortage = engine_shortage(scheme_region())
    if not shortage:
        return 0
    held = [engine_routes.HeldOccupation(shortage[0].uri, 5.0)]
    return len(_routes_for_person(engine_routes.Person(occupations=held), 5, None))


def _routes_for_person(person: engine_routes.Person, k: int, lang: str | None) -> list[RouteView]:
    lang = label_language(lang)
    engine = loader.get_engine()
    person.occupations = [h for h in person.occupations if h.uri in engine.occ_pos]
    for name in ("confirmed_skills", "added_skills", "removed_skills"):
        setattr(person, name, [u for u in getattr(person, name) if u in engine.skill_pos])
    shortage = engine_shortage(scheme_region(), known_occupations=engine.occ_pos)
    routes = engine.routes(person, shortage, engine_courses(engine.skill_pos), engine_rules(), k=k)
    uris = {r.uri for r in routes}
    skill_uris = {
        u
        for r in routes
        for u in (*r.gaps, *(p for p, _, _ in r.matched), *(q for _, q, _ in r.matched))
    }
    concepts = {
        c.uri: c for c in attach_preferred_labels(Concept.objects.filter(uri__in=uris | skill_uris))
    }
    courses = Course.objects.select_related("provider").in_bulk(
        [int(c) for r in routes for c in r.courses]
    )

    def ref(uri):
        concept = concepts.get(uri)
        if concept is None:
            return SkillRef(uri, engine.skill_label(uri, lang))
        text = concept.label(lang)
        return SkillRef(uri, text.text, concept.pk, text)

    out = []
    for r in routes:
        out.append(
            RouteView(
                route=r,
                occupation=concepts.get(r.uri),
                label=r.label.get(lang) or r.label.get("en", r.uri),
                explanation=r.explanation_nl if lang == "nl" else r.explanation_en,
                matched=[(ref(p), ref(q)) for p, q, _ in r.matched],
                gaps=[ref(u) for u in r.gaps],
                uncovered=[ref(u) for u in r.uncovered],
                courses=[courses[int(c)] for c in r.courses if int(c) in courses],
            )
        )
    return out


# ---------------------------------------------------------------------- occupations and skills
def match_occupations(
    text: str, k: int = 8, lang: str | None = None
) -> list[tuple[Concept, str, float]]:
    """Job title (Dutch or English) -> ESCO occupations with label and score."""
    lang = label_language(lang)
    engine = loader.get_engine()
    (matches,) = engine.match_titles([text or ""], k, lang)
    by_uri = Concept.objects.in_bulk([u for u, _, _ in matches], field_name="uri")
    return [(by_uri[u], label, score) for u, label, score in matches if u in by_uri]


def search_skills(
    text: str, k: int = 10, lang: str | None = None
) -> list[tuple[Concept, str, float]]:
    lang = label_language(lang)
    engine = loader.get_engine()
    found = engine.extract_skills(text or "", k, lang)
    by_uri = Concept.objects.in_bulk([u for u, _, _ in found], field_name="uri")
    # Labels from the database: a skill without one in `lang` is shown marked, with its field.
    attach_preferred_labels(by_uri.values())
    return [(by_uri[u], label, score) for u, label, score in found if u in by_uri]


WORK_SUGGESTIONS = 10


def suggest_skills_from_work(text: str, participant=None, lang: str | None = None):
    """Skills to confirm for work described in one's own words (Dutch or English), labelled in
    ``lang`` (Dutch first); skills the participant already has recorded are left out. Empty text
    gives no suggestions. One indexed engine query: a few milliseconds, fine inside a request."""
    if not (text or "").strip():
        return []
    found = search_skills(text, WORK_SUGGESTIONS, lang)
    if participant is not None:
        known = set(
            PersonSkill.objects.filter(participant=participant)
            .exclude(status=SkillStatus.REMOVED)
            .values_list("skill_id", flat=True)
        )
        found = [f for f in found if f[0].pk not in known]
    return found


@transaction.atomic
def add_described_skills(participant, skill_ids, by=None) -> int:
    """Record the suggested skills the participant ticked as their own; returns how many are
    new. Ids that are not ESCO skills are ignored; a skill already recorded keeps its status."""
    skills = Concept.objects.filter(pk__in=list(skill_ids), kind=ConceptKind.SKILL)
    known = set(
        PersonSkill.objects.filter(participant=participant)
        .exclude(status=SkillStatus.REMOVED)
        .values_list("skill_id", flat=True)
    )
    added = 0
    for skill in skills:
        if skill.pk not in known:
            set_skill(participant, skill, SkillStatus.ADDED, by)
            added += 1
    return added


def essential_skills(occupation) -> list[Concept]:
    return attach_preferred_labels(
        Concept.objects.filter(
            occupation_links__occupation=occupation,
            occupation_links__relation_type=RelationType.ESSENTIAL,
        ).order_by("id")
    )


@transaction.atomic
def add_occupation(participant, occupation, years, by=None) -> PersonOccupation:
    held, created = PersonOccupation.objects.get_or_create(
        participant=participant, occupation=occupation, defaults={"years": years, "added_by": by}
    )
    if not created and held.years != years:
        held.years = years
        held.save(update_fields=["years"])
    return held


def set_skill(participant, skill, status: str, by=None) -> PersonSkill:
    obj, _ = PersonSkill.objects.update_or_create(
        participant=participant, skill=skill, defaults={"status": status, "updated_by": by}
    )
    return obj


@transaction.atomic
def confirm_occupation_skills(
    participant, occupation, keep_uris: set[str] | None = None, by=None
) -> tuple[int, int]:
    """Confirm the occupation's essential skills in `keep_uris` (all when None) and mark the
    others removed. Returns (confirmed, removed)."""
    confirmed = removed = 0
    for skill in essential_skills(occupation):
        if keep_uris is None or skill.uri in keep_uris:
            set_skill(participant, skill, SkillStatus.CONFIRMED, by)
            confirmed += 1
        else:
            set_skill(participant, skill, SkillStatus.REMOVED, by)
            removed += 1
    return confirmed, removed


# ---------------------------------------------------------------------- course tags
def course_text(course) -> str:
    return f"{course.title}. {course.description}".strip()


def suggest_course_skills(course, k: int = 8, by=None) -> list[CourseSkill]:
    """Unconfirmed tags from the engine's reading of the course's title and description;
    tags that exist already (confirmed or not) stay as they are."""
    found = search_skills(course_text(course), k, "nl")
    existing = set(CourseSkill.objects.filter(course=course).values_list("skill_id", flat=True))
    new = [
        CourseSkill(course=course, skill=skill, score=score, tagged_by=by)
        for skill, _, score in found
        if skill.pk not in existing
    ]
    CourseSkill.objects.bulk_create(new, ignore_conflicts=True)
    return new


def skill_concept(uri: str) -> Concept | None:
    return Concept.objects.filter(uri=uri, kind=ConceptKind.SKILL).first()


def occupation_concept(uri: str) -> Concept | None:
    return Concept.objects.filter(uri=uri, kind=ConceptKind.OCCUPATION).first()


def occupation_skill_count(occupation) -> int:
    return OccupationSkill.objects.filter(
        occupation=occupation, relation_type=RelationType.ESSENTIAL
    ).count()
