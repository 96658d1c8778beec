"""How the hybrid title weights (``EncoderConfig``) were chosen: cross-validation on dev halves.

    python -m vakmanschap.skills_engine.title_fusion --esco ../shared/esco/v1.1.1 --eval ../shared/eval

Score = lexical + a x best label cosine + b x centroid cosine + c x occupation prior, (a, b, c)
from a grid. The prior (``title_prior``, log(1 + count / smoothing)) counts the gold occupations
of English titles; in the cross-validation it is counted on the training folds only (for each
fold that chooses weights, on the training folds other than itself), for the held-out half on
the whole dev half, for the Dutch titles it is the shipped file. As in the engine, the prior is
added only to titles that the language gate (``embeddings.LanguageGate``) does not call Dutch.

* English (``titles.validation.csv``, MRR with the rank in the top 100): ``title_prior.title_half``
  splits the file; weights are chosen on the dev half, the dev figure is 5-fold CV inside it
  (each fold scored with the weights chosen on the other four), the held-out half is scored once.
* Dutch (``jobtitles_nl``, MRR@10, with the title examples as the engine ships them): the
  ``dutch_evaluation`` protocol; the dev figure is two-fold CV (weights chosen on one fold, scored
  on the other), the held-out half is scored once.
* The shipped weights, in two steps: the label and centroid weights with the best mean of the
  English and Dutch dev figures without the prior, then the prior weight with the best mean
  beside them (so the encoder weights are not bent towards English titles).

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
from .embeddings import EncoderConfig, EncoderTitleScorer, LanguageGate, remember_label_vectors
from .snapshot import EscoSnapshot, snapshot_from_csv
from .title_examples import add_title_examples, read_title_examples
from .title_prior import PRIOR_SMOOTHING, occupation_prior, read_counts, title_half
from .titles import TitleIndex, clean_title

LABEL_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
CENTROID_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
PRIOR_WEIGHTS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
BATCH = 512


def features(snapshot: EscoSnapshot, titles: list[str], golds: list[str], encoder: str) -> dict:
    """Lexical, best-label and centroid scores (n, occupations), the gold column (-1: absent)
    and which titles are not Dutch (the prior's rows)."""
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
    gate = LanguageGate(snapshot.occupations)
    return {
        "lexical": np.vstack(lexical),
        "label": np.vstack(best_label),
        "centroid": np.vstack(centroid),
        "gold": np.array([pos.get(g, -1) for g in golds]),
        # the rows the prior applies to: titles the engine's language gate does not call Dutch
        "english": np.array([not gate.is_dutch(clean_title(t)) for t in titles], dtype=np.float32),
    }


def reciprocal_ranks(f: dict, weights: tuple[float, ...], k: int) -> np.ndarray:
    """Per item 1 / rank of the gold (0 beyond ``k`` or absent); ``weights`` = (label, centroid,
    prior), the prior weight only used when ``f`` has a ``prior`` (one value per occupation)."""
    score = f["lexical"] + weights[0] * f["label"] + weights[1] * f["centroid"]
    if len(weights) > 2 and weights[2] and "prior" in f:
        score = score + weights[2] * f["english"][:, None] * f["prior"]
    gold = np.maximum(f["gold"], 0)
    rank = 1 + (score > score[np.arange(len(gold)), gold][:, None]).sum(axis=1)
    return np.where((f["gold"] >= 0) & (rank <= k), 1.0 / rank, 0.0)


def subset(f: dict, mask: np.ndarray) -> dict:
    return {name: value if name == "prior" else value[mask] for name, value in f.items()}


def mean_rr(sets: list[dict], weights, k: int) -> float:
    return float(np.concatenate([reciprocal_ranks(f, weights, k) for f in sets]).mean())


def weight_grid(with_prior: bool) -> list[tuple[float, float, float]]:
    priors = PRIOR_WEIGHTS if with_prior else (0.0,)
    return list(itertools.product(LABEL_WEIGHTS, CENTROID_WEIGHTS, priors))


def best_weights(sets: list[dict], k: int, grid=None) -> tuple[float, float, float]:
    grid = grid or weight_grid(any("prior" in f for f in sets))
    return max(grid, key=lambda w: (mean_rr(sets, w, k), -sum(w)))


def concatenated(folds: list[dict]) -> dict:
    """The items of all ``folds`` as one set (a prior, one per occupation, is shared)."""
    return {
        name: value if name == "prior" else np.concatenate([f[name] for f in folds])
        for name, value in folds[0].items()
    }


def with_prior(fold: dict, counted: list[dict], smoothing: float) -> dict:
    """``fold`` with the prior counted on the gold occupations of ``counted``."""
    n_occ = fold["lexical"].shape[1]
    golds = np.concatenate([f["gold"] for f in counted])
    counts = np.bincount(golds[golds >= 0], minlength=n_occ)
    return {**fold, "prior": np.log1p(counts / smoothing).astype(np.float32)}


def cross_validated(folds: list[dict], k: int, smoothing: float | None = None) -> float:
    """Each fold scored with the weights chosen on the others; the mean over all items. With
    ``smoothing``, a prior counted on the training folds is one more score (see the module)."""
    rr = []
    for i, fold in enumerate(folds):
        train = [f for j, f in enumerate(folds) if j != i]
        if smoothing is not None:
            test = with_prior(fold, train, smoothing)
            train = [with_prior(f, [g for g in train if g is not f], smoothing) for f in train]
        else:
            test = fold
        rr.append(reciprocal_ranks(test, best_weights(train, k), k))
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


def dutch(
    snapshot: EscoSnapshot, path: Path, encoder: str, smoothing: float = PRIOR_SMOOTHING
) -> dict:
    rows = read_title_examples(path)
    dev = [r for r in rows if split_of(r["query_id"]) == "dev"]
    held = [r for r in rows if split_of(r["query_id"]) == "held-out"]
    halves = [[r for r in dev if cv_fold_of(r["query_id"]) == i] for i in (0, 1)]
    folds = []
    for i in (0, 1):  # each fold with the other fold's titles added as labels
        added, _ = add_title_examples(snapshot, halves[1 - i])
        folds.append(features(added, *_columns(halves[i]), encoder))
    added, _ = add_title_examples(snapshot, dev)
    # The prior counts English vacancy titles: for Dutch titles it is the shipped file as is.
    prior = occupation_prior([o.uri for o in snapshot.occupations], read_counts(), smoothing)
    folds = [{**f, "prior": prior} for f in folds]
    held_out = {**features(added, *_columns(held), encoder), "prior": prior}
    return {"folds": folds, "held-out": held_out, "k": 10}


def _no_prior(f: dict) -> dict:
    return {name: value for name, value in f.items() if name != "prior"}


def _columns(rows: list[dict]) -> tuple[list[str], list[str]]:
    return [r["title_nl"] for r in rows], [r["conceptUri"] for r in rows]


def report(en: dict, nl: dict, smoothing: float = PRIOR_SMOOTHING) -> dict:
    # English dev: each fold's prior counted on the other dev folds (no title counts itself).
    en_dev = [with_prior(f, [g for g in en["folds"] if g is not f], smoothing) for f in en["folds"]]
    en_held = with_prior(en["held-out"], en["folds"], smoothing)
    nl["dev"] = concatenated(nl["folds"])

    def both(w):
        return (mean_rr(en_dev, w, 100) + mean_rr([nl["dev"]], w, 10), -sum(w))

    # Two steps: the encoder weights without the prior, then the prior weight beside them.
    without_prior = max(weight_grid(False), key=both)
    joint = max([(*without_prior[:2], c) for c in PRIOR_WEIGHTS], key=both)
    out = {"weights": joint, "weights without prior": without_prior}
    for name, data, held, cv_smoothing in (
        ("English", en, en_held, smoothing),
        ("Dutch", nl, nl["held-out"], None),
    ):
        k = data["k"]
        out[name] = {
            "lexical dev": mean_rr([data["dev"]], (0.0, 0.0), k),
            "lexical held-out": mean_rr([data["held-out"]], (0.0, 0.0), k),
            "hybrid dev CV": cross_validated([_no_prior(f) for f in data["folds"]], k),
            "hybrid held-out": mean_rr([data["held-out"]], without_prior, k),
            "prior dev CV": cross_validated(data["folds"], k, cv_smoothing),
            "prior held-out": mean_rr([held], joint, k),
        }
    return out


def markdown(result: dict) -> str:
    a, b, c = result["weights"]
    lines = [
        f"Chosen on both dev halves: label weight {a}, centroid weight {b}, prior weight {c}"
        f" (without the prior: {result['weights without prior'][:2]}).",
        "",
        "| titles | lexical dev | lexical held-out | hybrid dev (CV) | hybrid held-out "
        "| hybrid + prior dev (CV) | hybrid + prior held-out |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in ("English", "Dutch"):
        r = result[name]
        lines.append(
            f"| {name} | {r['lexical dev']:.3f} | {r['lexical held-out']:.3f} "
            f"| {r['hybrid dev CV']:.3f} | {r['hybrid held-out']:.3f} "
            f"| {r['prior dev CV']:.3f} | {r['prior held-out']:.3f} |"
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
