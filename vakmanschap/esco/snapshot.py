"""The skills engine's input (`EscoSnapshot`) built from the database in a few bulk queries.

Rows are read with values_list and joined in memory by id; URIs stand in for ids in the
snapshot. Alt and hidden labels are sorted, so the snapshot does not depend on row order.
"""

from vakmanschap.skills_engine import snapshot as contract

from .models import (
    Broader,
    Concept,
    ConceptKind,
    Description,
    EscoRelease,
    Label,
    LabelKind,
    OccupationSkill,
)

_KIND_KEYS = {LabelKind.PREFERRED: "preferred", LabelKind.ALT: "alt", LabelKind.HIDDEN: "hidden"}
_SKILL_PILLAR = (ConceptKind.SKILL, ConceptKind.SKILL_GROUP)


def _labels(languages) -> dict[int, dict]:
    out: dict[int, dict] = {}
    rows = Label.objects.order_by()
    if languages:
        rows = rows.filter(language__in=languages)
    for cid, lang, kind, text in rows.values_list("concept_id", "language", "kind", "text"):
        per_lang = out.setdefault(cid, {}).setdefault(
            lang, {"preferred": "", "alt": [], "hidden": []}
        )
        if kind == LabelKind.PREFERRED:
            per_lang["preferred"] = text
        else:
            per_lang[_KIND_KEYS[kind]].append(text)
    for per_concept in out.values():
        for per_lang in per_concept.values():
            per_lang["alt"].sort()
            per_lang["hidden"].sort()
    return out


def _descriptions(languages) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    rows = Description.objects.exclude(concept__kind=ConceptKind.ISCO_GROUP)
    if languages:
        rows = rows.filter(language__in=languages)
    for cid, lang, text in rows.values_list("concept_id", "language", "text"):
        out.setdefault(cid, {})[lang] = text
    return out


def build_snapshot(languages: tuple[str, ...] | None = None) -> contract.EscoSnapshot:
    """All of ESCO in the database as an `EscoSnapshot` (labels of all, or the given, languages)."""
    release = EscoRelease.objects.order_by("-imported_at").first()
    concepts = list(
        Concept.objects.values_list(
            "id", "uri", "kind", "code", "skill_type", "reuse_level", "isco_group_id"
        )
    )
    uris = {row[0]: row[1] for row in concepts}
    kinds = {row[0]: row[2] for row in concepts}
    codes = {row[0]: row[3] for row in concepts}
    labels, descriptions = _labels(languages), _descriptions(languages)
    occupations, skills, groups, isco = [], [], [], []
    for pk, uri, kind, code, skill_type, reuse_level, isco_id in concepts:
        names, texts = labels.get(pk, {}), descriptions.get(pk, {})
        if kind == ConceptKind.OCCUPATION:
            group = codes.get(isco_id) or code.split(".")[0]
            occupations.append(contract.Occupation(uri, code, group, names, texts))
        elif kind == ConceptKind.SKILL:
            skills.append(contract.Skill(uri, skill_type, reuse_level, names, texts))
        elif kind == ConceptKind.SKILL_GROUP:
            groups.append(contract.SkillGroup(uri, code, names))
        else:
            isco.append(contract.IscoGroup(code, names))
    relations = [
        (uris[o], uris[s], rel)
        for o, s, rel in OccupationSkill.objects.values_list(
            "occupation_id", "skill_id", "relation_type"
        ).order_by("id")
    ]
    broader = [
        (uris[c], uris[b])
        for c, b in Broader.objects.values_list("concept_id", "broader_id").order_by("id")
        if kinds[c] in _SKILL_PILLAR
    ]
    return contract.EscoSnapshot(
        version=release.version if release else "",
        occupations=occupations,
        skills=skills,
        relations=relations,
        skill_broader=broader,
        skill_groups=groups,
        isco_groups=isco,
    )
