"""Finding the CSV files of an ESCO download: zip files and/or folders, any language.

File names follow the official download (`occupations_en.csv`, `skills_nl.csv`,
`occupationSkillRelations.csv`, ...); the language is taken from the name. Zips may hold the
files in a subfolder. Unknown files are listed so the command can mention them.
"""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .vdab import looks_like_mapping

# The largest cell of the official download (conceptSchemes_en.csv) holds some 630,000
# characters, over csv's default limit; a cell may hold a few MB, never gigabytes (a 300 KB
# zip of one endless line used to fill the memory).
MAX_CELL_CHARS = 4 * 1024 * 1024
csv.field_size_limit(MAX_CELL_CHARS)
# The largest file of the download (occupationSkillRelations.csv) is some 21 MB unpacked.
MAX_MEMBER_BYTES = 512 * 1024 * 1024

_NAME = re.compile(r"^(?P<stem>[A-Za-z]+?)(?:_(?P<lang>[a-z]{2,3}(?:-[A-Za-z]{1,4})?))?\.csv$")
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


def _capped_lines(text) -> Iterator[str]:
    """The lines of `text`, refusing one longer than a cell may be: iterating a file reads a
    whole line into memory before csv sees it, however long."""
    while line := text.readline(MAX_CELL_CHARS + 1):
        if len(line) > MAX_CELL_CHARS:
            raise csv.Error(f"a line of more than {MAX_CELL_CHARS:,} characters")
        yield line


@dataclass(frozen=True)
class CsvFile:
    stem: str
    lang: str  # "" for language-less files
    path: Path  # the CSV file, or the zip that holds it
    member: str | None = None

    @property
    def name(self) -> str:
        return f"{self.stem}_{self.lang}.csv" if self.lang else f"{self.stem}.csv"

    def _numbered(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells), streamed: a zip member is unpacked as it is read, never whole.
        Anything unreadable ends in an EscoSourceError naming the file and the line."""
        line = 1  # where the record being read starts (a quoted cell may span lines)
        try:
            with self._text() as text:
                reader = csv.reader(_capped_lines(text))
                for cells in reader:
                    if any("\x00" in cell for cell in cells):
                        raise EscoSourceError(
                            f"{self.name}, line {line}: a NUL character; nothing was imported."
                        )
                    yield line, cells
                    line = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError, zipfile.BadZipFile, zlib.error, OSError) as exc:
            raise EscoSourceError(
                f"{self.name}, line {line}: cannot be read ({exc}); nothing was imported."
            ) from None

    @contextmanager
    def _text(self):
        if self.member is None:
            with open(self.path, encoding="utf-8-sig", newline="") as text:
                yield text
            return
        # zipfile unpacks no more than the size the zip declares, which open_source capped.
        with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")

    def _lines(self) -> Iterator[list[str]]:
        return (cells for _, cells in self._numbered())

    def rows(self) -> Iterator[tuple[int, dict]]:
        """(line number, {column: cell})."""
        lines = self._numbered()
        _, header = next(lines, (1, []))
        for number, cells in lines:
            yield number, dict(zip(header, cells, strict=False))

    def columns(self, *names: str) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(line number, stripped values of the named columns, "" if a column is missing);
        faster than rows() for the big relation files."""
        lines = self._numbered()
        _, header = next(lines, (1, []))
        index = [header.index(n) if n in header else None for n in names]
        for number, cells in lines:
            values = (cells[i].strip() if i is not None and i < len(cells) else "" for i in index)
            yield number, tuple(values)


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
    empty = []  # paths that gave neither ESCO files nor the mapping: a file in the wrong place
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise EscoSourceError(f"{path} does not exist.")
        files_before, mapping_before = len(source.files), source.vdab_mapping
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for p in candidates:
            if p.suffix.lower() == ".zip":
                try:
                    with zipfile.ZipFile(p) as zf:
                        members = [i for i in zf.infolist() if not i.is_dir()]
                except (zipfile.BadZipFile, OSError) as exc:
                    raise EscoSourceError(f"{p} is not a valid zip file ({exc}).") from None
                for member in members:
                    if member.file_size > MAX_MEMBER_BYTES:
                        raise EscoSourceError(
                            f"{p}: {member.filename} unpacks to {member.file_size:,} bytes, "
                            f"more than the {MAX_MEMBER_BYTES // (1024 * 1024)} MB an ESCO "
                            "file may have; nothing was imported."
                        )
                    source._add(Path(member.filename).name, p, member.filename)
            elif p.suffix.lower() == ".csv":
                source._add(p.name, p, None)
        if not source.version and len(source.files) > files_before:
            source.version = _version_from(str(path.resolve()))
        if len(source.files) == files_before and source.vdab_mapping is mapping_before:
            empty.append(str(path))
    if not source.files:
        also = " (the ESCO–VDAB mapping fills in a release: give the release too)"
        raise EscoSourceError(
            "No ESCO CSV files (such as occupations_en.csv) found in "
            + ", ".join(str(p) for p in paths)
            + (also if source.vdab_mapping else "")
            + "."
        )
    if empty:
        raise EscoSourceError(
            f"{len(empty)} of the {len(paths)} paths hold no ESCO CSV file and no ESCO–VDAB "
            "mapping (escocompetencemapping…csv with its column row): "
            + ", ".join(empty)
            + "; nothing was imported."
        )
    return source
