"""The input contract of the skills engine: a plain, in-memory ESCO snapshot.

The engine never reads a database. Whoever owns the data (the Django ESCO import, or
:func:`snapshot_from_csv` for tests and evaluation) builds an :class:`EscoSnapshot` and hands it
to ``SkillsEngine.build``. Everything here is plain Python data so the contract stays small:

* ``Labels`` per language code (``"en"``, ``"nl"``, ...): ``{"preferred": str, "alt": [...],
  "hidden": [...]}``. A language may be missing; English is expected for skills.
* ``Occupation.isco_code`` is the full ESCO code (``"2654.1.7"``), ``isco_group`` the 4-digit
  ISCO unit group (``"2654"``).
* ``relations`` are ``(occupation_uri, skill_uri, "essential" | "optional")``.
* ``skill_broader`` are ``(skill_uri, broader_uri)`` edges of the skills pillar; a broader URI is
  either another skill or a skill group of the skills hierarchy (``skill_groups``).

Courses, shortage occupations and people are plain data too (see ``routes.py``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

Labels = dict[str, dict]  # {lang: {"preferred": str, "alt": list[str], "hidden": list[str]}}


@dataclass
class Occupation:
    uri: str
    isco_code: str  # full ESCO code, e.g. "2654.1.7"
    isco_group: str  # 4-digit ISCO unit group, e.g. "2654"
    labels: Labels
    descriptions: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        return _label(self.labels, lang)


@dataclass
class Skill:
    uri: str
    skill_type: str  # "skill/competence" | "knowledge" | "" (a few ESCO rows have none)
    reuse_level: str  # "transversal" | "cross-sector" | "sector-specific" | "occupation-specific"
    labels: Labels
    descriptions: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        return _label(self.labels, lang)


@dataclass
class SkillGroup:
    uri: str
    code: str  # e.g. "S1.2" or an ISCED-F code
    labels: Labels


@dataclass
class IscoGroup:
    code: str  # "2", "26", "265", "2654"
    labels: Labels


@dataclass
class EscoSnapshot:
    version: str
    occupations: list[Occupation]
    skills: list[Skill]
    relations: list[tuple[str, str, str]]
    skill_broader: list[tuple[str, str]] = field(default_factory=list)
    skill_groups: list[SkillGroup] = field(default_factory=list)
    isco_groups: list[IscoGroup] = field(default_factory=list)

    def fingerprint(self) -> str:
        """A stable hash of the content the engine uses; the engine cache is keyed on it."""
        h = hashlib.sha256(self.version.encode())
        for o in sorted(self.occupations, key=lambda o: o.uri):
            h.update(repr((o.uri, o.isco_code, sorted(_flat(o.labels)))).encode())
        for s in sorted(self.skills, key=lambda s: s.uri):
            h.update(repr((s.uri, s.skill_type, s.reuse_level, sorted(_flat(s.labels)))).encode())
            h.update(repr(sorted(s.descriptions.items())).encode())
        for rel in sorted(self.relations):
            h.update(repr(rel).encode())
        for edge in sorted(self.skill_broader):
            h.update(repr(edge).encode())
        return h.hexdigest()[:32]


def _flat(labels: Labels) -> list[tuple[str, str, str]]:
    out = []
    for lang, d in labels.items():
        out.append((lang, "p", d.get("preferred") or ""))
        out += [(lang, "a", x) for x in d.get("alt", [])]
        out += [(lang, "h", x) for x in d.get("hidden", [])]
    return out


def _label(labels: Labels, lang: str) -> str:
    for code in (lang, "en", *labels.keys()):
        pref = labels.get(code, {}).get("preferred")
        if pref:
            return pref
    return ""


# --------------------------------------------------------------------------- CSV loader


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("\n") if x.strip()]


class _Source:
    """Reads CSV files by name from the zips and loose files of one ESCO directory."""

    def __init__(self, esco_dir: Path):
        self.files: dict[str, tuple[Path, str | None]] = {}
        for p in sorted(esco_dir.rglob("*")):
            if p.suffix == ".zip":
                with zipfile.ZipFile(p) as z:
                    for name in z.namelist():
                        self.files.setdefault(Path(name).name, (p, name))
            elif p.suffix == ".csv":
                self.files.setdefault(p.name, (p, None))

    def rows(self, name: str) -> list[dict]:
        if name not in self.files:
            return []
        path, member = self.files[name]
        if member is None:
            text = path.read_text(encoding="utf-8-sig")
        else:
            with zipfile.ZipFile(path) as z:
                text = z.read(member).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))


def _labels_from(row: dict) -> dict:
    return {
        "preferred": (row.get("preferredLabel") or "").strip(),
        "alt": _split(row.get("altLabels")),
        "hidden": _split(row.get("hiddenLabels")),
    }


def snapshot_from_csv(
    esco_dir: str | os.PathLike,
    version: str | None = None,
    languages: tuple[str, ...] = ("en", "nl"),
) -> EscoSnapshot:
    """Load the official ESCO CSV download (zips and/or loose CSVs, any language folder).

    Skills without a label in a language simply lack that language; the engine falls back
    to English.
    """
    esco_dir = Path(esco_dir)
    src = _Source(esco_dir)
    version = version or esco_dir.name
    occupations: dict[str, Occupation] = {}
    skills: dict[str, Skill] = {}
    for lang in languages:
        for r in src.rows(f"occupations_{lang}.csv"):
            o = occupations.get(r["conceptUri"])
            if o is None:
                code = (r.get("code") or "").strip()
                o = occupations[r["conceptUri"]] = Occupation(
                    r["conceptUri"], code, (r.get("iscoGroup") or code[:4]).strip(), {}
                )
            o.labels[lang] = _labels_from(r)
            if (r.get("description") or "").strip():
                o.descriptions[lang] = r["description"].strip()
        skill_files = [f"skills_{lang}.csv"]
        if f"skills_{lang}.csv" not in src.files:  # fall back to the skill collections
            skill_files = [n for n in src.files if n.endswith(f"SkillsCollection_{lang}.csv")]
        for name in skill_files:
            for r in src.rows(name):
                s = skills.get(r["conceptUri"])
                if s is None:
                    s = skills[r["conceptUri"]] = Skill(
                        r["conceptUri"],
                        (r.get("skillType") or "").strip(),
                        (r.get("reuseLevel") or "").strip(),
                        {},
                    )
                if lang not in s.labels:
                    s.labels[lang] = _labels_from(r)
                if (r.get("description") or "").strip():
                    s.descriptions.setdefault(lang, r["description"].strip())
    relations = [
        (r["occupationUri"], r["skillUri"], r["relationType"])
        for r in src.rows("occupationSkillRelations.csv")
    ]
    broader = [
        (r["conceptUri"], r["broaderUri"])
        for r in src.rows("broaderRelationsSkillPillar.csv")
        if r["conceptType"] == "KnowledgeSkillCompetence"
    ]
    group_broader = [
        (r["conceptUri"], r["broaderUri"])
        for r in src.rows("broaderRelationsSkillPillar.csv")
        if r["conceptType"] == "SkillGroup"
    ]
    groups: dict[str, SkillGroup] = {}
    isco: dict[str, IscoGroup] = {}
    for lang in languages:
        for r in src.rows(f"skillGroups_{lang}.csv"):
            g = groups.setdefault(
                r["conceptUri"], SkillGroup(r["conceptUri"], r.get("code", ""), {})
            )
            g.labels[lang] = _labels_from(r)
        for r in src.rows(f"ISCOGroups_{lang}.csv"):
            g = isco.setdefault(r["code"], IscoGroup(r["code"], {}))
            g.labels[lang] = _labels_from(r)
    return EscoSnapshot(
        version=version,
        occupations=list(occupations.values()),
        skills=list(skills.values()),
        relations=relations,
        skill_broader=broader + group_broader,
        skill_groups=list(groups.values()),
        isco_groups=list(isco.values()),
    )
