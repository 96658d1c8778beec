"""Real job titles with the occupation they mean, added to the title index as hidden labels.

Public lists of titles as people write them teach the matcher how titles map to occupations:

- Dutch: UWV's occupation titles mapped to ESCO (the MELO benchmark's Dutch task in
  ``../shared/eval/jobtitles_nl/``, a TSV with ``title_nl``): "Docent ... (1e graads)" is
  "docent hoger onderwijs", "Bedrijfsleider / ondernemer ..." is a manager.
- English: vacancy titles labelled with their ESCO occupation (the JobBERT titles in
  ``../shared/eval/jobtitles/``, a CSV with ``vacancyTitle``): "Marketing Executive" is a
  marketing manager, "Sales Promoter (Paradigm Mall)" a sales assistant.

The examples become hidden labels of their occupation in their language, so they are scored like
every other label; figures with them are only honest on titles that were not added
(``title_benchmark`` measures on held-out halves and by cross-validation).
"""

from __future__ import annotations

import copy
import csv
from dataclasses import replace
from pathlib import Path

from .snapshot import EscoSnapshot

# The title column of each known layout: the Dutch benchmark's TSV, the English vacancy CSV.
TITLE_COLUMNS = ("title_nl", "vacancyTitle")
URI_COLUMN = "conceptUri"


def read_title_examples(path: str | Path) -> list[dict]:
    """Rows of a comma-separated (``.csv``) or tab-separated (any other name) file with a title
    column (``title_nl`` or ``vacancyTitle``) and ``conceptUri``; other columns, such as
    ``query_id``, are kept, and each row's title is also under ``title``. A missing column
    raises ``ValueError`` naming it; rows without a title are left out."""
    delimiter = "," if Path(path).suffix.lower() == ".csv" else "\t"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        fields = reader.fieldnames or []
        title = next((c for c in TITLE_COLUMNS if c in fields), None)
        missing = [] if title else [" or ".join(TITLE_COLUMNS)]
        missing += [] if URI_COLUMN in fields else [URI_COLUMN]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        return [{**r, "title": r[title].strip()} for r in reader if (r[title] or "").strip()]


def add_title_examples(
    snapshot: EscoSnapshot, examples: list[dict], lang: str = "nl"
) -> tuple[EscoSnapshot, int]:
    """A copy of ``snapshot`` whose occupations also carry the examples' ``title`` as hidden
    labels in ``lang``; returns it with the number of examples whose occupation is not in the
    snapshot (skipped). The snapshot passed in is not changed."""
    occupations = [copy.copy(o) for o in snapshot.occupations]
    by_uri = {o.uri: o for o in occupations}
    touched: set[str] = set()
    unknown = 0
    for row in examples:
        occ = by_uri.get(row[URI_COLUMN])
        if occ is None:
            unknown += 1
            continue
        if occ.uri not in touched:  # copy the labels before the first change
            occ.labels = {
                k: {**v, "hidden": list(v.get("hidden", []))} for k, v in occ.labels.items()
            }
            touched.add(occ.uri)
        labels = occ.labels.setdefault(lang, {"preferred": "", "alt": [], "hidden": []})
        labels.setdefault("hidden", []).append(row["title"])
    return replace(snapshot, occupations=occupations), unknown
