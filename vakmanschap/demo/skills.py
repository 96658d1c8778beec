"""Demo content for the skills engine: skill tags on the demo courses and an occupation held
for the demo participants. Both are deterministic and safe to run again; both need ESCO."""

from __future__ import annotations

from django.db import transaction

from vakmanschap.catalogue.models import Course
from vakmanschap.esco.models import Concept, ConceptKind
from vakmanschap.people.models import Participant
from vakmanschap.skills import loader, services
from vakmanschap.skills.models import CourseSkill, PersonOccupation

MIN_TAGS, MAX_TAGS = 4, 8
TITLE_MATCH_MIN = 0.5

# Years of experience for the demo people's current jobs (default: DEFAULT_YEARS).
DEMO_YEARS = {"zorghulp": 6, "operator CNC-machine": 12}
DEFAULT_YEARS = 3


def _title_occupations(engine, titles) -> list[str]:
    """Occupations the titles clearly name (best two per title, score >= TITLE_MATCH_MIN)."""
    out: list[str] = []
    for matches in engine.match_titles(list(titles), 2) if titles else []:
        out += [u for u, _, score in matches if score >= TITLE_MATCH_MIN and u not in out]
    return out


def choose_course_skills(
    engine, title: str, description: str, sibling_titles: tuple[str, ...] = ()
) -> list[str]:
    """4-8 skill URIs for a course, chosen by the engine: the essential skills of the
    occupations its title names (for a module such as "Medicatie en voorbehouden handelingen",
    which names none, those of the provider's other courses), ranked by how well they match
    the title and description; topped up from the skills extracted from the text."""
    text = f"{title}. {description}".strip()
    occupations = _title_occupations(engine, [title]) or _title_occupations(engine, sibling_titles)
    candidates: list[int] = []
    for uri in occupations:
        for s in engine.sim.essential[engine.occ_pos[uri]].indices.tolist():
            if s not in candidates:
                candidates.append(s)
    relevance = {engine.skill_pos[u]: score for u, _, score in engine.extract_skills(text, 2000)}
    share = engine.skill_share
    ranked = sorted(
        candidates, key=lambda s: (-relevance.get(s, 0.0), -float(share[s]), engine.skill_uris[s])
    )
    chosen = [engine.skill_uris[s] for s in ranked[:MAX_TAGS]]
    for uri, _, _ in engine.extract_skills(text, MAX_TAGS):
        if len(chosen) >= MIN_TAGS:
            break
        if uri not in chosen:
            chosen.append(uri)
    return chosen


@transaction.atomic
def tag_demo_courses() -> int:
    """Give every active course without confirmed skill tags 4-8 confirmed ESCO skill tags.
    Returns the number of tags made."""

    engine = loader.get_engine()
    skills = {c.uri: c for c in Concept.objects.filter(kind=ConceptKind.SKILL).only("id", "uri")}
    tagged = set(CourseSkill.objects.filter(confirmed=True).values_list("course_id", flat=True))
    made = []
    siblings: dict[int, list[str]] = {}
    for provider_id, title in Course.objects.active().values_list("provider_id", "title"):
        siblings.setdefault(provider_id, []).append(title)
    for course in Course.objects.active().exclude(pk__in=tagged).order_by("pk"):
        others = tuple(t for t in siblings[course.provider_id] if t != course.title)
        for uri in choose_course_skills(engine, course.title, course.description, others):
            if uri in skills:
                made.append(CourseSkill(course=course, skill=skills[uri], confirmed=True))
    CourseSkill.objects.bulk_create(made, ignore_conflicts=True)
    return len(made)


@transaction.atomic
def give_demo_people_their_jobs() -> int:
    """Map each participant's `current_job` to an ESCO occupation held (best title match,
    years from DEMO_YEARS) and confirm that occupation's essential skills. Participants who
    already have an occupation held are left alone. Returns the number of people updated."""

    engine = loader.get_engine()
    updated = 0
    people = (
        Participant.objects.active()
        .exclude(current_job="")
        .exclude(occupations_held__isnull=False)
        .order_by("pk")
    )
    for participant in people:
        (matches,) = engine.match_titles([participant.current_job], 1)
        if not matches:
            continue
        occupation = services.occupation_concept(matches[0][0])
        if occupation is None:
            continue
        years = DEMO_YEARS.get(participant.current_job.strip(), DEFAULT_YEARS)
        PersonOccupation.objects.create(participant=participant, occupation=occupation, years=years)
        services.confirm_occupation_skills(participant, occupation)
        updated += 1
    return updated
