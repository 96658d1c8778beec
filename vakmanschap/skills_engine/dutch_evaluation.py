"""Dutch figures that can be checked on data the settings were not chosen on.

Every evaluation set is split in two fixed halves by a hash of the item's id: ``dev`` (look at
it, choose settings on it) and ``held-out`` (report it, never tune on it). Both are reported.

* Dutch job titles (``../shared/eval/jobtitles_nl/titles_nl.validation.tsv``, MELO's Dutch
  task): MRR@10 and recall@1/5/10 of the one gold occupation.
* Dutch free text: ESCO's own Dutch occupation descriptions in, the occupation's essential
  skills as gold; R-Precision@10 (``../shared/eval/README.md``'s definition).

    python -m vakmanschap.skills_engine.dutch_evaluation --esco ../shared/esco/v1.1.1 --eval ../shared/eval
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import tempfile
import time
from pathlib import Path

import numpy as np

from .engine import EngineConfig, SkillsEngine
from .snapshot import EscoSnapshot, snapshot_from_csv

SPLITS = ("dev", "held-out")


def split_of(key: str) -> str:
    """A fixed half: the same key lands in the same half on every machine and every run."""
    return SPLITS[hashlib.sha256(key.encode()).digest()[0] & 1]


def _mean(values) -> float | None:
    """None for an empty half (shown as "–"), not numpy's warning and NaN."""
    values = list(values)
    return float(np.mean(values)) if values else None


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _by_split(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for row in rows:
        out[row["split"]].append(row)
    return out


def evaluate_dutch_titles(engine: SkillsEngine, path: str | Path, k: int = 10) -> dict:
    """{split: {"mrr@10", "recall@1", "recall@5", "recall@10", "n"}} for the Dutch titles."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    start = time.perf_counter()
    results = engine.match_titles([r["title_nl"] for r in rows], k, "nl")
    seconds = time.perf_counter() - start
    scored = []
    for row, res in zip(rows, results, strict=True):
        uris = [u for u, _, _ in res]
        rank = uris.index(row["conceptUri"]) + 1 if row["conceptUri"] in uris else 0
        scored.append({"split": split_of(row["query_id"]), "rank": rank})
    out = {"titles_per_s": len(rows) / seconds if seconds else 0.0}
    for name, items in {**_by_split(scored), "all": scored}.items():
        ranks = np.array([r["rank"] for r in items])
        out[name] = {
            "n": len(items),
            "mrr@10": _mean(np.where(ranks > 0, 1.0 / np.maximum(ranks, 1), 0.0)),
            **{f"recall@{h}": _mean((ranks > 0) & (ranks <= h)) for h in (1, 5, 10)},
        }
    return out


def evaluate_dutch_free_text(engine: SkillsEngine, snapshot: EscoSnapshot, k: int = 10) -> dict:
    """{split: {"rp@10", "rp@5", "n"}}: each occupation's Dutch description in, its essential
    skills as gold. Split by occupation URI."""
    essential: dict[str, set[str]] = {}
    for occ, skill, relation in snapshot.relations:
        if relation == "essential":
            essential.setdefault(occ, set()).add(skill)
    items = [
        (o.uri, o.descriptions["nl"], essential[o.uri])
        for o in snapshot.occupations
        if o.descriptions.get("nl") and essential.get(o.uri)
    ]
    start = time.perf_counter()
    scored = []
    for uri, text, gold in items:
        predicted = [u for u, _, _ in engine.extract_skills(text, k, "nl")]
        scored.append(
            {
                "split": split_of(uri),
                **{f"rp@{c}": len(gold & set(predicted[:c])) / min(c, len(gold)) for c in (5, k)},
            }
        )
    seconds = time.perf_counter() - start
    out = {"texts_per_s": len(items) / seconds if seconds else 0.0}
    for name, rows in {**_by_split(scored), "all": scored}.items():
        out[name] = {
            "n": len(rows),
            **{m: _mean(r[m] for r in rows) for m in ("rp@5", f"rp@{k}")},
        }
    return out


def markdown(titles: dict | None, free_text: dict | None) -> str:
    lines = [
        "| Dutch figure | dev half | held-out half | n (dev / held-out) |",
        "| --- | --- | --- | --- |",
    ]
    if titles:
        d, h = titles["dev"], titles["held-out"]
        lines.append(
            f"| titles MRR@10 | {_f(d['mrr@10'])} | {_f(h['mrr@10'])} | {d['n']} / {h['n']} |"
        )
        lines.append(
            f"| titles recall@1 / @5 / @10 | {_f(d['recall@1'])} / {_f(d['recall@5'])} / "
            f"{_f(d['recall@10'])} | {_f(h['recall@1'])} / {_f(h['recall@5'])} / "
            f"{_f(h['recall@10'])} | |"
        )
    if free_text:
        d, h = free_text["dev"], free_text["held-out"]
        lines.append(
            f"| free text (occupation descriptions) RP@10 | {_f(d['rp@10'])} | {_f(h['rp@10'])} "
            f"| {d['n']} / {h['n']} |"
        )
        lines.append(f"| free text RP@5 | {_f(d['rp@5'])} | {_f(h['rp@5'])} | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--esco", required=True)
    p.add_argument("--eval", required=True)
    a = p.parse_args(argv)
    snapshot = snapshot_from_csv(a.esco)
    with tempfile.TemporaryDirectory() as cache:
        engine = SkillsEngine.build(snapshot, cache, EngineConfig(precompute_matrix=False))
        titles = evaluate_dutch_titles(
            engine, Path(a.eval) / "jobtitles_nl" / "titles_nl.validation.tsv"
        )
        free_text = evaluate_dutch_free_text(engine, snapshot)
    print(markdown(titles, free_text))


if __name__ == "__main__":
    main()
