"""Which label a reader sees for an ESCO concept, in which language and from which source; and
how much of the shortage list's skills a Dutch reader sees in Dutch.

    shown_labels(["http://data.europa.eu/esco/skill/…"], "nl")
    dutch_link_coverage(region="twente")
"""

from dataclasses import dataclass

from .models import (
    DEFAULT_REGION,
    FALLBACK_LANGUAGE,
    Concept,
    Label,
    LabelKind,
    OccupationSkill,
)
from .shortage import shortage_occupations


@dataclass(frozen=True)
class ShownLabel:
    uri: str
    label: str
    lang: str  # the language of `label`: the one asked for, or the fallback
    source: str  # Label.source of `label`


def shown_labels(uris, lang: str) -> dict[str, ShownLabel]:
    """{uri: ShownLabel} for the known URIs among `uris` (two queries); unknown ones are absent.
    The label in `lang` if there is one, else English, else any."""
    ids = dict(Concept.objects.filter(uri__in=set(uris)).values_list("id", "uri"))
    by_concept: dict[int, dict[str, tuple[str, str]]] = {}
    for cid, language, text, source in Label.objects.filter(
        concept_id__in=ids, kind=LabelKind.PREFERRED
    ).values_list("concept_id", "language", "text", "source"):
        by_concept.setdefault(cid, {})[language] = (text, source)
    shown = {}
    for cid, uri in ids.items():
        labels = by_concept.get(cid, {})
        for code in (lang, FALLBACK_LANGUAGE, *sorted(labels)):
            if code in labels:
                text, source = labels[code]
                shown[uri] = ShownLabel(uri, text, code, source)
                break
    return shown


@dataclass(frozen=True)
class Coverage:
    occupations: int
    links: int  # essential and optional occupation–skill links of those occupations
    links_in_language: int
    skills: int  # distinct skills among the links
    skills_in_language: int

    @property
    def link_share(self) -> float:
        return self.links_in_language / self.links if self.links else 0.0

    @property
    def skill_share(self) -> float:
        return self.skills_in_language / self.skills if self.skills else 0.0


def dutch_link_coverage(region=DEFAULT_REGION, on_date=None, lang: str = "nl") -> Coverage:
    """Share of the skill links of the region's shortage occupations whose skill has a preferred
    label in `lang`: what a reader of the routes sees in their own language."""
    occupations = shortage_occupations(region, on_date)
    links = list(
        OccupationSkill.objects.filter(occupation__in=occupations).values_list(
            "occupation_id", "skill_id"
        )
    )
    skills = {skill for _, skill in links}
    named = set(
        Label.objects.filter(
            concept_id__in=skills, language=lang, kind=LabelKind.PREFERRED
        ).values_list("concept_id", flat=True)
    )
    return Coverage(
        occupations=occupations.count(),
        links=len(links),
        links_in_language=sum(1 for _, skill in links if skill in named),
        skills=len(skills),
        skills_in_language=len(skills & named),
    )
