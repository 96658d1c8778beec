"""Reads an `EscoSource` into a plain in-memory `Dataset` (no database involved).

Label precedence per concept and language: the main file (`skills_nl.csv`) wins; when a
language has no main file, the collections (`*Collection_nl.csv`) and, for skill groups, the
skills hierarchy supply the labels. Dutch skills still without a label then take the ESCO–VDAB
mapping's (`vdab.py`), which also adds VDAB wording as Dutch alternative labels; with an
official `skills_nl.csv` in the import the mapping is not used at all. Concepts keep the languages they already had in the
database; only the (concept, language) pairs present in this import are synced.
"""

import re
from dataclasses import dataclass, field

from vakmanschap.core.limits import has_control_characters

from .models import ConceptKind, LabelKind, LabelSource
from .source import CsvFile, EscoSource, EscoSourceError
from .vdab import MappingLayoutError, MappingReport, read_mapping

CONCEPT_TYPES = {
    "Occupation": ConceptKind.OCCUPATION,
    "KnowledgeSkillCompetence": ConceptKind.SKILL,
    "SkillGroup": ConceptKind.SKILL_GROUP,
    "ISCOGroup": ConceptKind.ISCO_GROUP,
}
PREFERRED, ALT, HIDDEN = (int(k) for k in (LabelKind.PREFERRED, LabelKind.ALT, LabelKind.HIDDEN))
RELATION_TYPES = ("essential", "optional")
# What the importer stores as a concept's URI; anything else (http://x/<script>) is refused.
ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/[A-Za-z0-9._~%/-]+$")
URI_MAX_LENGTH = 255  # Concept.uri
SHORT_COLUMNS = {"code": 40, "status": 20, "skillType": 20, "reuseLevel": 20}  # their columns
MAX_ERRORS = 10
MAIN_FILES = {
    "ISCOGroups": ConceptKind.ISCO_GROUP,
    "skillGroups": ConceptKind.SKILL_GROUP,
    "occupations": ConceptKind.OCCUPATION,
    "skills": ConceptKind.SKILL,
}


@dataclass
class ConceptData:
    kind: str
    code: str = ""
    skill_type: str = ""
    reuse_level: str = ""
    isco_code: str = ""  # occupations: the 4-digit ISCO unit group
    status: str = ""


@dataclass
class Dataset:
    version: str
    languages: list[str]
    concepts: dict[str, ConceptData] = field(default_factory=dict)
    labels: dict[str, dict[str, set[tuple[int, str]]]] = field(default_factory=dict)
    descriptions: dict[str, dict[str, str]] = field(default_factory=dict)
    # None: the file was not part of this import, so the stored relations stay as they are.
    occupation_skills: dict[tuple[str, str], tuple[str, str]] | None = None
    skill_relations: dict[tuple[str, str], str] | None = None
    broader: set[tuple[str, str]] = field(default_factory=set)
    broader_synced_kinds: set[str] = field(default_factory=set)
    collections: dict[str, set[str]] = field(default_factory=dict)
    # Labels that did not come from the release: {(uri, lang, kind, text): LabelSource value}.
    label_sources: dict[tuple[str, str, int, str], str] = field(default_factory=dict)
    vdab_report: MappingReport | None = None


def _cell(row: dict, name: str) -> str:
    return (row.get(name) or "").strip()


def split_labels(cell: str | None, pipe: bool = False) -> list[str]:
    """Several labels in one cell: newline separated (main files) or " | " (collections)."""
    text = (cell or "").replace(" | ", "\n") if pipe else (cell or "")
    seen: dict[str, None] = {}
    for part in text.split("\n"):
        if part.strip():
            seen.setdefault(part.strip())
    return list(seen)


def collection_code(stem: str) -> str:
    """digitalSkillsCollection -> digital, researchOccupationsCollection -> researchOccupations."""
    for suffix in ("SkillsCollection", "Collection"):
        if stem.endswith(suffix) and stem != suffix:
            return stem[: -len(suffix)]
    return stem


class _Reader:
    def __init__(self, source: EscoSource):
        self.source = source
        self.data = Dataset(version=source.version, languages=source.languages)
        self.problems: list[str] = []

    def refuse(self, f: CsvFile, line: int, column: str, problem: str) -> str:
        self.problems.append(f"{f.name}, line {line}, column {column}: {problem}")
        return ""

    def uri(self, f: CsvFile, line: int, column: str, value: str) -> str:
        """The URI, or "" (the row is skipped) with a problem noted."""
        if value and (len(value) > URI_MAX_LENGTH or not ESCO_URI.match(value)):
            shown = value[:80].encode("unicode_escape").decode()
            return self.refuse(
                f, line, column, f"“{shown}” is not an ESCO URI (http://data.europa.eu/esco/…)."
            )
        return value

    def text(self, f: CsvFile, line: int, row: dict, column: str, paragraphs=False) -> str:
        value = _cell(row, column)
        if has_control_characters(value, line_breaks=paragraphs):
            return self.refuse(f, line, column, "holds a control character.")
        limit = SHORT_COLUMNS.get(column)
        if limit and len(value) > limit:
            return self.refuse(f, line, column, f"longer than {limit} characters.")
        return value

    def labels(self, f: CsvFile, line: int, row: dict, column: str, pipe=False) -> list[str]:
        labels = split_labels(row.get(column), pipe=pipe)
        if any(has_control_characters(label) for label in labels):
            self.refuse(f, line, column, "a label holds a control character.")
            return []
        return labels

    def concept(self, uri: str, kind: str) -> ConceptData:
        found = self.data.concepts.get(uri)
        if found is None:
            found = self.data.concepts[uri] = ConceptData(kind=kind)
        return found

    def set_labels(self, uri, lang, pref, alt=(), hidden=(), description=""):
        labels = {(PREFERRED, pref)} if pref else set()
        labels |= {(ALT, t) for t in alt}
        labels |= {(HIDDEN, t) for t in hidden}
        self.data.labels.setdefault(uri, {})[lang] = labels
        if description:
            self.data.descriptions.setdefault(uri, {})[lang] = description

    def has_labels(self, uri, lang) -> bool:
        return lang in self.data.labels.get(uri, {})

    def read_main(self, f: CsvFile, kind: str) -> None:
        for line, row in f.rows():
            uri = self.uri(f, line, "conceptUri", _cell(row, "conceptUri"))
            if not uri:
                continue
            c = self.concept(uri, kind)
            c.status = c.status or self.text(f, line, row, "status")
            code = self.text(f, line, row, "code")
            if kind == ConceptKind.OCCUPATION:
                c.code = c.code or code
                c.isco_code = c.isco_code or _cell(row, "iscoGroup")[:40] or code.split(".")[0]
            elif kind == ConceptKind.SKILL:
                c.skill_type = c.skill_type or self.text(f, line, row, "skillType")
                c.reuse_level = c.reuse_level or self.text(f, line, row, "reuseLevel")
            else:
                c.code = c.code or code
            self.set_labels(
                uri,
                f.lang,
                self.text(f, line, row, "preferredLabel"),
                self.labels(f, line, row, "altLabels"),
                self.labels(f, line, row, "hiddenLabels"),
                self.text(f, line, row, "description", paragraphs=True),
            )

    def read_hierarchy(self, f: CsvFile) -> None:
        for line, row in f.rows():
            parent = ""
            for level in range(4):
                column = f"Level {level} URI"
                uri = self.uri(f, line, column, _cell(row, column))
                if not uri:
                    break
                c = self.concept(uri, ConceptKind.SKILL_GROUP)
                c.code = c.code or _cell(row, f"Level {level} code")[:40]
                if not self.has_labels(uri, f.lang):
                    label = self.text(f, line, row, f"Level {level} preferred term")
                    self.set_labels(uri, f.lang, label)
                if parent:
                    self.data.broader.add((uri, parent))
                parent = uri

    def read_collection(self, f: CsvFile) -> None:
        members = self.data.collections.setdefault(collection_code(f.stem), set())
        for line, row in f.rows():
            uri = self.uri(f, line, "conceptUri", _cell(row, "conceptUri"))
            kind = CONCEPT_TYPES.get(_cell(row, "conceptType"))
            if not uri or not kind:
                continue
            members.add(uri)
            c = self.concept(uri, kind)
            if kind == ConceptKind.SKILL:
                c.skill_type = c.skill_type or self.text(f, line, row, "skillType")
                c.reuse_level = c.reuse_level or self.text(f, line, row, "reuseLevel")
            if not self.has_labels(uri, f.lang):
                self.set_labels(
                    uri,
                    f.lang,
                    self.text(f, line, row, "preferredLabel"),
                    self.labels(f, line, row, "altLabels", pipe=True),
                    description=self.text(f, line, row, "description", paragraphs=True),
                )

    def read_relations(self) -> None:
        src = self.source
        if f := src.get("occupationSkillRelations"):
            rels = self.data.occupation_skills = {}
            for line, (occ, skill, rel, skill_type) in f.columns(
                "occupationUri", "skillUri", "relationType", "skillType"
            ):
                rel = rel.lower()
                occ = self.uri(f, line, "occupationUri", occ)
                skill = self.uri(f, line, "skillUri", skill)
                if len(skill_type) > SHORT_COLUMNS["skillType"]:
                    skill_type = self.refuse(f, line, "skillType", "too long.")
                if occ and skill and rel in RELATION_TYPES:
                    rels.setdefault((occ, skill), (rel, skill_type))
        if f := src.get("skillSkillRelations"):
            skill_rels = self.data.skill_relations = {}
            for line, (skill, related, rel) in f.columns(
                "originalSkillUri", "relatedSkillUri", "relationType"
            ):
                rel = rel.lower()
                skill = self.uri(f, line, "originalSkillUri", skill)
                related = self.uri(f, line, "relatedSkillUri", related)
                if skill and related and rel in RELATION_TYPES:
                    skill_rels.setdefault((skill, related), rel)
        pillars = {
            "broaderRelationsOccPillar": (ConceptKind.OCCUPATION, ConceptKind.ISCO_GROUP),
            "broaderRelationsSkillPillar": (ConceptKind.SKILL, ConceptKind.SKILL_GROUP),
        }
        for stem, kinds in pillars.items():
            if f := src.get(stem):
                self.data.broader_synced_kinds.update(kinds)
                for line, (narrower, broader) in f.columns("conceptUri", "broaderUri"):
                    edge = (
                        self.uri(f, line, "conceptUri", narrower),
                        self.uri(f, line, "broaderUri", broader),
                    )
                    if all(edge) and edge[0] != edge[1]:
                        self.data.broader.add(edge)


def apply_vdab_mapping(reader: _Reader, f: CsvFile) -> MappingReport:
    """Fill in Dutch skill labels from the ESCO–VDAB mapping (see vdab.py)."""
    try:
        mapped, report = read_mapping(f._lines())
    except MappingLayoutError as exc:
        raise EscoSourceError(
            f"{f.path} does not have the layout of the ESCO–VDAB mapping ({exc}); "
            "nothing was imported."
        ) from None
    data = reader.data
    for uri, entry in mapped.items():
        concept = data.concepts.get(uri)
        if concept is None or concept.kind != ConceptKind.SKILL:
            report.unknown_uris.add(uri)
            continue
        if reader.has_labels(uri, "nl"):
            report.kept += 1
        elif entry.esco_label:
            reader.set_labels(uri, "nl", entry.esco_label)
            data.label_sources[(uri, "nl", PREFERRED, entry.esco_label)] = LabelSource.ESCO_VDAB
            report.filled += 1
        labels = data.labels.setdefault(uri, {}).setdefault("nl", set())
        known = {text.casefold() for _, text in labels}
        if any(has_control_characters(t) for t in [entry.esco_label, *entry.vdab_labels]):
            reader.problems.append(f"{f.path}: a label of {uri} holds a control character.")
            continue
        for text in entry.vdab_labels:
            if text.casefold() not in known:
                known.add(text.casefold())
                labels.add((ALT, text))
                data.label_sources[(uri, "nl", ALT, text)] = LabelSource.VDAB
                report.alt_labels += 1
    return report


def read_dataset(source: EscoSource) -> Dataset:
    reader = _Reader(source)
    for lang in source.languages:
        for stem, kind in MAIN_FILES.items():
            if f := source.get(stem, lang):
                reader.read_main(f, kind)
    for lang in source.languages:
        if f := source.get("skillsHierarchy", lang):
            reader.read_hierarchy(f)
        for f in source.collections(lang):
            reader.read_collection(f)
    if source.vdab_mapping is not None:
        if source.get("skills", "nl"):
            reason = "the official skills_nl.csv in this import gives every Dutch skill label."
            reader.data.vdab_report = MappingReport(not_applied=reason)
        elif "nl" not in source.languages:
            reason = "this import has no Dutch files, and the mapping only fills in Dutch ones."
            reader.data.vdab_report = MappingReport(not_applied=reason)
        else:
            reader.data.vdab_report = apply_vdab_mapping(reader, source.vdab_mapping)
    reader.read_relations()
    if reader.problems:
        more = len(reader.problems) - MAX_ERRORS
        lines = reader.problems[:MAX_ERRORS] + ([f"… and {more} more."] if more > 0 else [])
        raise EscoSourceError("\n".join([*lines, "Nothing was imported."]))
    for uri, c in reader.data.concepts.items():
        if c.kind == ConceptKind.SKILL_GROUP and not c.code and "/isced-f/" in uri:
            c.code = uri.rsplit("/", 1)[-1]  # the ISCED-F field code, e.g. "0613"
    return reader.data
