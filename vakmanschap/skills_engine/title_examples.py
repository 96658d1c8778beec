"""Real job titles with the occupation they mean, added to the title index as hidden labels.

A public list of titles as people write them (UWV's occupation titles mapped to ESCO, the MELO
benchmark's Dutch task in ``../shared/eval/jobtitles_nl/``) teaches the matcher the crosswalk's
habits: "Docent ... (1e graads)" is "docent hoger onderwijs", "Bedrijfsleider / ondernemer ..."
is a manager. The examples become hidden Dutch labels of their occupation, so they are scored
like every other label; figures with them are only honest on titles that were not added
(``dutch_evaluation`` measures on the held-out half with the dev half added).
"""

from __future__ import annotations

import copy
import csv
from dataclasses import replace
from pathlib import Path

from .snapshot import EscoSnapshot

COLUMNS = ("title_nl", "conceptUri")


def read_title_examples(path: str | Path) -> list[dict]:
    """Rows of a tab-separated file with the columns ``title_nl`` and ``conceptUri`` (others,
    such as ``query_id``, are kept). A missing column raises ``ValueError`` naming it."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        return [r for r in reader if (r["title_nl"] or "").strip()]


def add_title_examples(
    snapshot: EscoSnapshot, examples: list[dict], lang: str = "nl"
) -> tuple[EscoSnapshot, int]:
    """A copy of ``snapshot`` whose occupations also carry the example titles as hidden labels
    in ``lang``; returns it with the number of examples whose occupation is not in the snapshot
    (skipped). The snapshot passed in is not changed."""
    occupations = [copy.copy(o) for o in snapshot.occupations]
    by_uri = {o.uri: o for o in occupations}
    touched: set[str] = set()
    unknown = 0
    for row in examples:
        occ = by_uri.get(row["conceptUri"])
        if occ is None:
            unknown += 1
            continue
        if occ.uri not in touched:  # copy the labels before the first change
            occ.labels = {
                k: {**v, "hidden": list(v.get("hidden", []))} for k, v in occ.labels.items()
            }
            touched.add(occ.uri)
        labels = occ.labels.setdefault(lang, {"preferred": "", "alt": [], "hidden": []})
        labels.setdefault("hidden", []).append(row["title_nl"].strip())
    return replace(snapshot, occupations=occupations), unknown
