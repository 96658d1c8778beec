"""Finding the CSV files of an ESCO download: zip files and/or folders, any language.

File names follow the official download (`occupations_en.csv`, `skills_nl.csv`,
`occupationSkillRelations.csv`, ...); the language is taken from the name. Zips may hold the
files in a subfolder. Unknown files are listed so the command can mention them.
"""

import csv
import io
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .vdab import looks_like_mapping

csv.field_size_limit(sys.maxsize)  # conceptSchemes_*.csv has cells over the default limit

_NAME = re.compile(r"^(?P<stem>[A-Za-z]+?)(?:_(?P<lang>[a-z]{2,3}(?:-[A-Za-z]+)?))?\.csv$")
_VERSION = re.compile(r"v(\d+(?:\.\d+)+)")

LANGUAGE_LESS = {
    "occupationSkillRelations",
    "broaderRelationsOccPillar",
    "broaderRelationsSkillPillar",
    "skillSkillRelations",
}
PER_LANGUAGE = {"occupations", "skills", "ISCOGroups", "skillGroups", "skillsHierarchy"}


class EscoSourceError(Exception):
    pass


@dataclass(frozen=True)
class CsvFile:
    stem: str
    lang: str  # "" for language-less files
    path: Path  # the CSV file, or the zip that holds it
    member: str | None = None

    @property
    def name(self) -> str:
        return f"{self.stem}_{self.lang}.csv" if self.lang else f"{self.stem}.csv"

    def _lines(self) -> Iterator[list[str]]:
        if self.member is None:
            with open(self.path, encoding="utf-8-sig", newline="") as fh:
                yield from csv.reader(fh)
        else:
            with zipfile.ZipFile(self.path) as zf, zf.open(self.member) as raw:
                yield from csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))

    def rows(self) -> Iterator[dict]:
        lines = self._lines()
        header = next(lines, [])
        for line in lines:
            yield dict(zip(header, line, strict=False))

    def columns(self, *names: str) -> Iterator[tuple[str, ...]]:
        """Stripped values of the named columns ("" if a column is missing); faster than
        rows() for the big relation files."""
        lines = self._lines()
        header = next(lines, [])
        index = [header.index(n) if n in header else None for n in names]
        for line in lines:
            yield tuple(line[i].strip() if i is not None and i < len(line) else "" for i in index)


@dataclass
class EscoSource:
    files: dict[tuple[str, str], CsvFile] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    version: str = ""
    vdab_mapping: CsvFile | None = None  # the ESCO–VDAB competence mapping (vdab.py)

    @property
    def languages(self) -> list[str]:
        return sorted({lang for (_, lang) in self.files if lang})

    def get(self, stem: str, lang: str = "") -> CsvFile | None:
        return self.files.get((stem, lang))

    def collections(self, lang: str) -> list[CsvFile]:
        """`*Collection_<lang>.csv` files, e.g. digitalSkillsCollection_nl.csv."""
        return [
            f
            for (stem, code), f in sorted(self.files.items())
            if code == lang and stem.endswith("Collection")
        ]

    def describe(self) -> str:
        return ", ".join(sorted({str(f.path) for f in self.files.values()}))

    def _add(self, name: str, path: Path, member: str | None) -> None:
        match = _NAME.match(name)
        if not match:
            if member is None and self.vdab_mapping is None and _is_mapping(path):
                self.vdab_mapping = CsvFile("vdabMapping", "", path)
            elif name.lower().endswith(".csv"):
                self.ignored.append(name)
            return
        stem, lang = match["stem"], (match["lang"] or "").lower()
        known = stem in PER_LANGUAGE or stem.endswith("Collection") or stem == "conceptSchemes"
        if (lang and not known) or (not lang and stem not in LANGUAGE_LESS):
            self.ignored.append(name)
            return
        # The first copy found wins (paths are read in the order given, then sorted).
        self.files.setdefault((stem, lang), CsvFile(stem, lang, path, member))
        if not self.version:
            self.version = _version_from(str(path))


def _is_mapping(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        return looks_like_mapping(path.name, fh.readline(200))


def _version_from(text: str) -> str:
    found = _VERSION.findall(text)
    return found[-1] if found else ""


def open_source(paths) -> EscoSource:
    """Collect the ESCO CSV files from zip files, CSV files and folders (searched deeply)."""
    source = EscoSource()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise EscoSourceError(f"{path} does not exist.")
        files_before = len(source.files)
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for p in candidates:
            if p.suffix.lower() == ".zip":
                try:
                    with zipfile.ZipFile(p) as zf:
                        names = [n for n in zf.namelist() if not n.endswith("/")]
                except zipfile.BadZipFile as exc:
                    raise EscoSourceError(f"{p} is not a valid zip file.") from exc
                for member in names:
                    source._add(Path(member).name, p, member)
            elif p.suffix.lower() == ".csv":
                source._add(p.name, p, None)
        if not source.version and len(source.files) > files_before:
            source.version = _version_from(str(path.resolve()))
    if not source.files:
        also = " (the ESCO–VDAB mapping fills in a release: give the release too)"
        raise EscoSourceError(
            "No ESCO CSV files (such as occupations_en.csv) found in "
            + ", ".join(str(p) for p in paths)
            + (also if source.vdab_mapping else "")
            + "."
        )
    return source
