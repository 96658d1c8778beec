"""How the hybrid title weights (``EncoderConfig``) were chosen: cross-validation on dev halves.

    python -m vakmanschap.skills_engine.title_fusion --esco ../shared/esco/v1.1.1 --eval ../shared/eval

Score = lexical + a x best label cosine + b x centroid cosine, (a, b) from a grid.

* English (``titles.validation.csv``, MRR with the rank in the top 100): ``evaluation.title_half``
  splits the file; weights are chosen on the dev half, the dev figure is 5-fold CV inside it
  (each fold scored with the pair chosen on the other four), the held-out half is scored once.
* Dutch (``jobtitles_nl``, MRR@10, with the title examples as the engine ships them): the
  ``dutch_evaluation`` protocol; the dev figure is two-fold CV (weights chosen on one fold, scored
  on the other), the held-out half is scored once.
* The shipped pair: the best mean of the English and Dutch dev figures.

The lexical and encoder scores are computed once per item, so the grid costs only additions.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
from pathlib import Path

import numpy as np

from .dutch_evaluation import cv_fold_of, split_of
from .embeddings import EncoderConfig, EncoderTitleScorer, remember_label_vectors
from .evaluation import title_half
from .snapshot import EscoSnapshot, snapshot_from_csv
from .title_examples import add_title_examples, read_title_examples
from .titles import TitleIndex

LABEL_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
CENTROID_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
BATCH = 512


def features(snapshot: EscoSnapshot, titles: list[str], golds: list[str], encoder: str) -> dict:
    """Lexical, best-label and centroid scores (n, occupations) and the gold column (-1: absent)."""
    index = TitleIndex(snapshot.occupations)
    scorer = EncoderTitleScorer(snapshot.occupations, EncoderConfig(encoder=encoder))
    lexical, best_label, centroid = [], [], []
    for b in range(0, len(titles), BATCH):
        part = titles[b : b + BATCH]
        lexical.append(index.scores(part))
        label, cent = scorer.parts(part)
        best_label.append(label)
        centroid.append(cent)
    pos = {o.uri: i for i, o in enumerate(snapshot.occupations)}
    return {
        "lexical": np.vstack(lexical),
        "label": np.vstack(best_label),
        "centroid": np.vstack(centroid),
        "gold": np.array([pos.get(g, -1) for g in golds]),
    }


def reciprocal_ranks(f: dict, weights: tuple[float, float], k: int) -> np.ndarray:
    score = f["lexical"] + weights[0] * f["label"] + weights[1] * f["centroid"]
    gold = np.maximum(f["gold"], 0)
    rank = 1 + (score > score[np.arange(len(gold)), gold][:, None]).sum(axis=1)
    return np.where((f["gold"] >= 0) & (rank <= k), 1.0 / rank, 0.0)


def subset(f: dict, mask: np.ndarray) -> dict:
    return {name: value[mask] for name, value in f.items()}


def mean_rr(sets: list[dict], weights, k: int) -> float:
    return float(np.concatenate([reciprocal_ranks(f, weights, k) for f in sets]).mean())


def best_weights(sets: list[dict], k: int, grid=None) -> tuple[float, float]:
    grid = grid or list(itertools.product(LABEL_WEIGHTS, CENTROID_WEIGHTS))
    return max(grid, key=lambda w: (mean_rr(sets, w, k), -w[0] - w[1]))


def cross_validated(folds: list[dict], k: int) -> float:
    """Each fold scored with the weights chosen on the others; the mean over all items."""
    rr = []
    for i, fold in enumerate(folds):
        w = best_weights([f for j, f in enumerate(folds) if j != i], k)
        rr.append(reciprocal_ranks(fold, w, k))
    return float(np.concatenate(rr).mean())


def english(snapshot: EscoSnapshot, path: Path, encoder: str) -> dict:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    f = features(
        snapshot, [r["vacancyTitle"] for r in rows], [r["conceptUri"] for r in rows], encoder
    )
    dev = np.array([title_half(r["vacancyTitle"]) == "dev" for r in rows])
    fold = np.array(
        [
            hashlib.sha256(f"cv|{r['vacancyTitle'].strip().lower()}".encode()).digest()[0] % 5
            for r in rows
        ]
    )
    return {
        "dev": subset(f, dev),
        "held-out": subset(f, ~dev),
        "folds": [subset(f, dev & (fold == i)) for i in range(5)],
        "k": 100,
    }


def dutch(snapshot: EscoSnapshot, path: Path, encoder: str) -> dict:
    rows = read_title_examples(path)
    dev = [r for r in rows if split_of(r["query_id"]) == "dev"]
    held = [r for r in rows if split_of(r["query_id"]) == "held-out"]
    halves = [[r for r in dev if cv_fold_of(r["query_id"]) == i] for i in (0, 1)]
    folds = []
    for i in (0, 1):  # each fold with the other fold's titles added as labels
        added, _ = add_title_examples(snapshot, halves[1 - i])
        folds.append(features(added, *_columns(halves[i]), encoder))
    added, _ = add_title_examples(snapshot, dev)
    return {"folds": folds, "held-out": features(added, *_columns(held), encoder), "k": 10}


def _columns(rows: list[dict]) -> tuple[list[str], list[str]]:
    return [r["title_nl"] for r in rows], [r["conceptUri"] for r in rows]


def report(en: dict, nl: dict) -> dict:
    nl["dev"] = {name: np.concatenate([f[name] for f in nl["folds"]]) for name in nl["folds"][0]}
    joint = max(
        itertools.product(LABEL_WEIGHTS, CENTROID_WEIGHTS),
        key=lambda w: (mean_rr([en["dev"]], w, 100) + mean_rr([nl["dev"]], w, 10), -sum(w)),
    )
    out = {"weights": joint}
    for name, data in (("English", en), ("Dutch", nl)):
        k = data["k"]
        out[name] = {
            "lexical dev": mean_rr([data["dev"]], (0.0, 0.0), k),
            "lexical held-out": mean_rr([data["held-out"]], (0.0, 0.0), k),
            "hybrid dev CV": cross_validated(data["folds"], k),
            "hybrid held-out": mean_rr([data["held-out"]], joint, k),
        }
    return out


def markdown(result: dict) -> str:
    a, b = result["weights"]
    lines = [
        f"Chosen on both dev halves: label weight {a}, centroid weight {b}.",
        "",
        "| titles | lexical dev | lexical held-out | hybrid dev (CV) | hybrid held-out |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in ("English", "Dutch"):
        r = result[name]
        lines.append(
            f"| {name} | {r['lexical dev']:.3f} | {r['lexical held-out']:.3f} "
            f"| {r['hybrid dev CV']:.3f} | {r['hybrid held-out']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--esco", required=True)
    p.add_argument("--eval", required=True)
    p.add_argument("--title-encoder", default="use")
    a = p.parse_args(argv)
    snapshot = snapshot_from_csv(a.esco)
    with remember_label_vectors():
        en = english(
            snapshot, Path(a.eval) / "jobtitles" / "titles.validation.csv", a.title_encoder
        )
        nl = dutch(
            snapshot, Path(a.eval) / "jobtitles_nl" / "titles_nl.validation.tsv", a.title_encoder
        )
    print(markdown(report(en, nl)))


if __name__ == "__main__":
    main()
