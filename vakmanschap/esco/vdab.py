"""The ESCO–VDAB competence mapping: more Dutch skill labels for a release without skills_nl.csv.

The mapping (`../shared/esco/vdab-competent-nl/`, see its README) pairs ESCO skills with the
competences of VDAB's "Competent 3.8". Per row it gives the skill's Dutch ESCO label (from ESCO
1.0.3), the VDAB competence's Dutch label and the relation (`skos:exactMatch`, `closeMatch`,
`narrowMatch`, `broadMatch`). `parse.read_dataset` uses it in two ways:

- the Dutch ESCO label fills in a skill that has no Dutch label in the release being imported
  (it never replaces the release's own label);
- VDAB labels of exact and close matches become Dutch alternative labels (people's wording).

A changed layout is refused before anything is written; unknown URIs are counted and skipped.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

URI_COLUMN = "Classification 1 URL"
ESCO_LABEL_COLUMN = "Classification 1 PrefLabel"
VDAB_LABEL_COLUMN = "Classification 2 PrefLabel NL"
RELATION_COLUMN = "Mapping Relation"
REQUIRED_COLUMNS = (URI_COLUMN, ESCO_LABEL_COLUMN, VDAB_LABEL_COLUMN, RELATION_COLUMN)
FIRST_CELL = "Mapping project name"  # the first of the project-metadata lines
FILE_PREFIX = "escocompetencemapping"
RELATIONS = {"exactmatch", "closematch", "narrowmatch", "broadmatch"}
ALT_LABEL_RELATIONS = {"exactmatch", "closematch"}
SKILL_URI_PREFIX = "http://data.europa.eu/esco/skill/"
MAX_HEADER_SEARCH = 40  # the column row follows some 16 metadata lines


class MappingLayoutError(ValueError):
    pass


@dataclass
class MappedSkill:
    esco_label: str = ""
    vdab_labels: list[str] = field(default_factory=list)  # exact and close matches only


@dataclass
class MappingReport:
    """What the mapping did in one import; `lines()` is what the command prints."""

    rows: int = 0
    skills: int = 0
    filled: int = 0  # skills that got their Dutch preferred label from the mapping
    kept: int = 0  # skills whose release label was kept (the mapping's was not used)
    alt_labels: int = 0
    unknown_uris: set[str] = field(default_factory=set)
    bad_rows: int = 0  # no usable URI or an unknown relation
    not_applied: str = ""

    def lines(self) -> list[str]:
        if self.not_applied:
            return [f"  ESCO–VDAB mapping not applied: {self.not_applied}"]
        out = [
            f"  ESCO–VDAB mapping: {self.rows} rows, {self.skills} skills; Dutch labels filled in "
            f"for {self.filled}, release label kept for {self.kept}; "
            f"{self.alt_labels} VDAB alternative labels."
        ]
        if self.unknown_uris:
            sample = ", ".join(sorted(self.unknown_uris)[:3])
            out.append(
                f"  ESCO–VDAB mapping: {len(self.unknown_uris)} URIs are not skills of this "
                f"import and were skipped (e.g. {sample})."
            )
        if self.bad_rows:
            out.append(
                f"  ESCO–VDAB mapping: {self.bad_rows} rows without a skill URI or with an "
                "unknown mapping relation were skipped."
            )
        return out


def looks_like_mapping(file_name: str, first_line: str) -> bool:
    return file_name.lower().startswith(FILE_PREFIX) or first_line.startswith(FIRST_CELL)


def _relation(cell: str) -> str:
    return cell.strip().rsplit(":", 1)[-1].lower()


def read_mapping(lines: Iterator[list[str]]) -> tuple[dict[str, MappedSkill], MappingReport]:
    """Parse the mapping's CSV lines into {skill URI: MappedSkill}; raise MappingLayoutError
    when the column row is not found or a needed column is missing."""
    report = MappingReport()
    header: list[str] | None = None
    for _ in range(MAX_HEADER_SEARCH):
        line = next(lines, None)
        if line is None:
            break
        if URI_COLUMN in line or "Classification 1 URI" in line:
            header = [cell.strip() for cell in line]
            break
    if header is None:
        raise MappingLayoutError(
            f"no column row with “{URI_COLUMN}” in the first {MAX_HEADER_SEARCH} lines"
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise MappingLayoutError("missing columns: " + ", ".join(missing))
    index = {name: header.index(name) for name in REQUIRED_COLUMNS}
    skills: dict[str, MappedSkill] = {}
    for line in lines:
        if not any(cell.strip() for cell in line):
            continue
        report.rows += 1

        def cell(name, line=line):
            i = index[name]
            return line[i].strip() if i < len(line) else ""

        uri, relation = cell(URI_COLUMN), _relation(cell(RELATION_COLUMN))
        if not uri.startswith(SKILL_URI_PREFIX) or relation not in RELATIONS:
            report.bad_rows += 1
            continue
        entry = skills.setdefault(uri, MappedSkill())
        entry.esco_label = entry.esco_label or cell(ESCO_LABEL_COLUMN)
        vdab = cell(VDAB_LABEL_COLUMN)
        if relation in ALT_LABEL_RELATIONS and vdab and vdab not in entry.vdab_labels:
            entry.vdab_labels.append(vdab)
    if not skills:
        raise MappingLayoutError(
            f"none of its {report.rows} rows has an ESCO skill URI and a known mapping relation"
        )
    report.skills = len(skills)
    return skills, report
