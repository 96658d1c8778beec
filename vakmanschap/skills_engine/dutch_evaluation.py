"""Dutch figures that can be checked on data the settings were not chosen on.

Every evaluation set is split in two fixed halves by a hash of the item's id: ``dev`` (look at
it, choose settings on it) and ``held-out`` (report it, never tune on it). Both are reported.

* Dutch job titles (``../shared/eval/jobtitles_nl/titles_nl.validation.tsv``, MELO's Dutch
  task): MRR@10 and recall@1/5/10 of the one gold occupation.
* Dutch free text: ESCO's own Dutch occupation descriptions in, the occupation's essential
  skills as gold; R-Precision@10 (``../shared/eval/README.md``'s definition).

    python -m vakmanschap.skills_engine.dutch_evaluation --esco ../shared/esco/v1.1.1 --eval ../shared/eval

Titles are matched as the default install does (hybrid with the title encoder ``use``);
``--title-encoder ""`` measures the lexical matcher alone.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

import numpy as np

from .embeddings import EncoderConfig, remember_label_vectors
from .engine import EngineConfig, SkillsEngine
from .snapshot import EscoSnapshot, snapshot_from_csv
from .title_benchmark import (
    english_titles_path,
    title_figures,
    title_ranks,
    with_english_examples,
)
from .title_examples import add_title_examples, read_title_examples
from .titles import TitleConfig

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


def cv_fold_of(key: str) -> int:
    """A second fixed split, inside the dev half, for two-fold cross-validation."""
    return hashlib.sha256(f"cv|{key}".encode()).digest()[0] & 1


def evaluate_dutch_titles(
    snapshot: EscoSnapshot,
    path: str | Path,
    config: TitleConfig | None = None,
    k: int = 10,
    title_encoder: EncoderConfig | None = None,
) -> dict:
    """Dutch titles, MRR@10 and recall@1/5/10 of the one gold occupation, per half.

    ``plain``: the title index on the snapshot's labels. ``examples``: as the engine ships, with
    the benchmark's own titles added as labels (``title_examples``), measured only on titles that
    were not added: the held-out half with the whole dev half added, and the dev half by two-fold
    cross-validation inside it (each fold with the other fold added). ``title_encoder``: hybrid
    titles (None: lexical only)."""
    with remember_label_vectors():
        return _evaluate_dutch_titles(snapshot, path, config, k, title_encoder)


def _evaluate_dutch_titles(snapshot, path, config, k, title_encoder) -> dict:
    rows = read_title_examples(path)
    for row in rows:
        row["split"] = split_of(row["query_id"])
    dev = [r for r in rows if r["split"] == "dev"]
    held_out = [r for r in rows if r["split"] == "held-out"]
    start = time.perf_counter()
    plain = title_ranks(snapshot, rows, k, config, title_encoder)
    seconds = time.perf_counter() - start
    by_split = {
        name: [x for x, r in zip(plain, rows, strict=True) if r["split"] == name] for name in SPLITS
    }
    out = {
        "titles_per_s": len(rows) / seconds if seconds else 0.0,
        "plain": {
            **{name: title_figures(v) for name, v in by_split.items()},
            "all": title_figures(plain),
        },
    }
    folds = [[r for r in dev if cv_fold_of(r["query_id"]) == f] for f in (0, 1)]
    dev_ranks = []
    for f in (0, 1):
        added, _ = add_title_examples(snapshot, folds[1 - f])
        dev_ranks += title_ranks(added, folds[f], k, config, title_encoder)
    added, _ = add_title_examples(snapshot, dev)
    out["examples"] = {
        "dev": title_figures(dev_ranks),
        "held-out": title_figures(title_ranks(added, held_out, k, config, title_encoder)),
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
        "| Dutch figure | dev half (cross-validated where it learns) | held-out half | n (dev / held-out) |",
        "| --- | --- | --- | --- |",
    ]
    if titles:
        for name, note in (
            ("plain", "ESCO labels only"),
            ("examples", "with the benchmark's dev titles as labels (the default)"),
        ):
            d, h = titles[name]["dev"], titles[name]["held-out"]
            lines.append(
                f"| titles MRR@10, {note} | {_f(d['mrr@10'])} | {_f(h['mrr@10'])} "
                f"| {d['n']} / {h['n']} |"
            )
            lines.append(
                f"| titles recall@1 / @5 / @10, {note} | {_f(d['recall@1'])} / "
                f"{_f(d['recall@5'])} / {_f(d['recall@10'])} | {_f(h['recall@1'])} / "
                f"{_f(h['recall@5'])} / {_f(h['recall@10'])} | |"
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
    p.add_argument(
        "--title-encoder", default="use", help='title encoder of the hybrid ("" = lexical only)'
    )
    a = p.parse_args(argv)
    title_encoder = EncoderConfig(encoder=a.title_encoder) if a.title_encoder else None
    snapshot = snapshot_from_csv(a.esco)
    with tempfile.TemporaryDirectory() as cache:
        engine = SkillsEngine.build(snapshot, cache, EngineConfig(precompute_matrix=False))
        titles = evaluate_dutch_titles(
            # as the engine ships: the English titles file's titles are examples too
            with_english_examples(snapshot, english_titles_path(a.eval)),
            Path(a.eval) / "jobtitles_nl" / "titles_nl.validation.tsv",
            title_encoder=title_encoder,
        )
        free_text = evaluate_dutch_free_text(engine, snapshot)
    print(f"titles: {'hybrid with ' + a.title_encoder if a.title_encoder else 'lexical'}")
    print(markdown(titles, free_text))


if __name__ == "__main__":
    main()
