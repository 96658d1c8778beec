"""How the hybrid title weights (``EncoderConfig``) were chosen: cross-validation on dev halves.

    python -m vakmanschap.skills_engine.title_fusion --esco ../shared/esco/v1.1.1 --eval ../shared/eval

Score = lexical + a x best label cosine + b x centroid cosine + c x description cosine
+ d x skills cosine (``EncoderConfig``), (a, b, c, d) from a grid.

* English (``titles.validation.csv``, MRR with the rank in the top 100): ``title_half`` splits
  the file; weights are chosen on the dev half, the dev figure is 5-fold CV inside it (each fold
  scored with the weights chosen on the other four), the held-out half is scored once. As the
  engine ships them, the file's titles are examples: each fold is scored with the other four
  folds' titles added, the held-out half with the whole dev half (``title_benchmark``).
* Dutch (``jobtitles_nl``, MRR@10, with the title examples as the engine ships them, the English
  titles included): the ``dutch_evaluation`` protocol; the dev figure is two-fold CV (weights
  chosen on one fold, scored on the other), the held-out half is scored once.
* The shipped pair: the best mean of the English and Dutch dev figures.

The lexical and encoder scores are computed once per item, and each item's reciprocal rank once
per grid point, so choosing weights on some folds and scoring others costs only means.

``--lead-parts``: the weight of the lead part's cosines (``title_parts``) on top of the shipped
hybrid weights, one number from ``LEAD_GRID`` chosen by 5-fold CV in the English dev half; the
English held-out half and the Dutch halves (two-fold CV, held-out) are scored with it.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np

from .dutch_evaluation import cv_fold_of, split_of
from .embeddings import (
    EncoderConfig,
    EncoderTitleScorer,
    LanguageGate,
    occupation_skill_labels,
    remember_label_vectors,
)
from .snapshot import EscoSnapshot, snapshot_from_csv
from .title_benchmark import english_splits, english_titles_path, with_english_examples
from .title_examples import add_title_examples, read_title_examples
from .title_parts import lead_part
from .titles import TitleIndex, clean_title

CHANNELS = ("label", "centroid", "description", "skills")
GRID = list(
    itertools.product(
        (0.5, 0.75, 1.0, 1.5),  # label
        (0.5, 0.75, 1.0, 1.5),  # centroid
        (0.0, 0.25, 0.5, 0.75, 1.0, 1.5),  # description
        (0.0, 0.25, 0.5, 0.75, 1.0),  # skills
    )
)
BATCH = 512


def features(snapshot: EscoSnapshot, titles: list[str], golds: list[str], encoder: str) -> dict:
    """Lexical and encoder scores (n, occupations) per channel and the gold column (-1: absent)."""
    index = TitleIndex(snapshot.occupations)
    scorer = EncoderTitleScorer(
        snapshot.occupations, EncoderConfig(encoder=encoder), occupation_skill_labels(snapshot)
    )
    parts: dict[str, list] = {name: [] for name in ("lexical", *CHANNELS)}
    for b in range(0, len(titles), BATCH):
        part = titles[b : b + BATCH]
        parts["lexical"].append(index.scores(part))
        for name, value in scorer.parts(part).items():
            parts[name].append(value)
    pos = {o.uri: i for i, o in enumerate(snapshot.occupations)}
    return {
        **{name: np.vstack(value) for name, value in parts.items()},
        "gold": np.array([pos.get(g, -1) for g in golds]),
    }


def reciprocal_ranks(f: dict, weights: tuple[float, ...], k: int) -> np.ndarray:
    score = f["lexical"].copy()
    for name, w in zip(CHANNELS, weights, strict=True):
        if w:
            score += w * f[name]
    gold = np.maximum(f["gold"], 0)
    rank = 1 + (score > score[np.arange(len(gold)), gold][:, None]).sum(axis=1)
    return np.where((f["gold"] >= 0) & (rank <= k), 1.0 / rank, 0.0)


def subset(f: dict, mask: np.ndarray) -> dict:
    return {name: value[mask] for name, value in f.items()}


def rr_table(f: dict, k: int, grid=None) -> np.ndarray:
    """(grid points, items): each item's reciprocal rank under each weight tuple."""
    return np.array([reciprocal_ranks(f, w, k) for w in grid or GRID])


def best_index(tables: list[np.ndarray], grid=None) -> int:
    """The grid point with the best mean over the items of ``tables``; ties to smaller weights."""
    grid = grid or GRID
    mean = np.concatenate(tables, axis=1).mean(axis=1)
    return max(range(len(grid)), key=lambda i: (mean[i], -sum(grid[i])))


def best_weights(sets: list[dict], k: int, grid=None) -> tuple[float, ...]:
    grid = grid or GRID
    return grid[best_index([rr_table(f, k, grid) for f in sets], grid)]


def cross_validated(folds: list[dict], k: int, grid=None) -> float:
    """Each fold scored with the weights chosen on the others; the mean over all items."""
    return cv_from_tables([rr_table(f, k, grid) for f in folds], grid)


def cv_from_tables(tables: list[np.ndarray], grid=None) -> float:
    rr = []
    for i, table in enumerate(tables):
        best = best_index([t for j, t in enumerate(tables) if j != i], grid)
        rr.append(table[best])
    return float(np.concatenate(rr).mean())


def english(snapshot: EscoSnapshot, path: Path, encoder: str, featurize=None) -> dict:
    """The English dev half in five folds, each featurised with the other four folds' titles
    added as English examples (as the engine ships the file), and the held-out half with the
    whole dev half added (``title_benchmark``'s protocol)."""
    featurize = featurize or features
    sets = [
        featurize(added, *_columns(measured), encoder)
        for added, measured in english_splits(snapshot, read_title_examples(path))
    ]
    return {"held-out": sets[-1], "folds": sets[:-1], "k": 100}


def dutch(snapshot: EscoSnapshot, path: Path, encoder: str, featurize=None) -> dict:
    """The Dutch protocol of ``dutch_evaluation``; pass a ``snapshot`` that already holds the
    English examples to measure as the engine ships (``with_english_examples``)."""
    featurize = featurize or features
    rows = read_title_examples(path)
    dev = [r for r in rows if split_of(r["query_id"]) == "dev"]
    held = [r for r in rows if split_of(r["query_id"]) == "held-out"]
    halves = [[r for r in dev if cv_fold_of(r["query_id"]) == i] for i in (0, 1)]
    folds = []
    for i in (0, 1):  # each fold with the other fold's titles added as labels
        added, _ = add_title_examples(snapshot, halves[1 - i])
        folds.append(featurize(added, *_columns(halves[i]), encoder))
    added, _ = add_title_examples(snapshot, dev)
    return {"folds": folds, "held-out": featurize(added, *_columns(held), encoder), "k": 10}


def _columns(rows: list[dict]) -> tuple[list[str], list[str]]:
    return [r["title"] for r in rows], [r["conceptUri"] for r in rows]


def report(en: dict, nl: dict) -> dict:
    """Joint weights: the best mean of the English and Dutch dev figures (the folds together
    are the dev half); each language's CV figure and its held-out figure with those weights."""
    data = {"English": en, "Dutch": nl}
    tables = {name: [rr_table(f, d["k"]) for f in d["folds"]] for name, d in data.items()}
    dev = {name: np.concatenate(t, axis=1).mean(axis=1) for name, t in tables.items()}
    joint = GRID[
        max(range(len(GRID)), key=lambda i: (sum(m[i] for m in dev.values()), -sum(GRID[i])))
    ]
    out = {"weights": joint}
    lexical = (0.0,) * len(CHANNELS)
    before = _shipped(EncoderConfig())  # the weights shipped now
    for name, d in data.items():
        k, folds = d["k"], d["folds"]
        out[name] = {
            "lexical dev": mean_rr(folds, lexical, k),
            "lexical held-out": mean_rr([d["held-out"]], lexical, k),
            "before dev": mean_rr(folds, before, k),
            "before held-out": mean_rr([d["held-out"]], before, k),
            "hybrid dev": mean_rr(folds, joint, k),
            "hybrid dev CV": cv_from_tables(tables[name]),
            "hybrid held-out": mean_rr([d["held-out"]], joint, k),
        }
    return out


def mean_rr(sets: list[dict], weights, k: int) -> float:
    return float(np.concatenate([reciprocal_ranks(f, weights, k) for f in sets]).mean())


def markdown(result: dict) -> str:
    weights = ", ".join(f"{n} {w}" for n, w in zip(CHANNELS, result["weights"], strict=True))
    lines = [
        f"Chosen on both dev halves: {weights}.",
        "",
        "| titles | lexical dev / held-out | shipped weights dev / held-out | hybrid dev "
        "| hybrid dev (CV) | hybrid held-out |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in ("English", "Dutch"):
        r = result[name]
        lines.append(
            f"| {name} | {r['lexical dev']:.3f} / {r['lexical held-out']:.3f} "
            f"| {r['before dev']:.3f} / {r['before held-out']:.3f} | {r['hybrid dev']:.3f} "
            f"| {r['hybrid dev CV']:.3f} | {r['hybrid held-out']:.3f} |"
        )
    return "\n".join(lines)


# The lead part's weight in the ``label`` slot of ``lead_features`` (the other channels are 0).
LEAD_GRID = [(w, 0.0, 0.0, 0.0) for w in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75)]


def hybrid_scores(
    snapshot: EscoSnapshot, texts: list[str], encoder: str, lexical: bool = True
) -> np.ndarray:
    """(len(texts), occupations): lexical (unless ``lexical`` is false) + the shipped weights
    (``EncoderConfig``) x the encoder's cosines, the best label over all labels; zeros for
    empty texts."""
    index = TitleIndex(snapshot.occupations)
    config = EncoderConfig(encoder=encoder)
    scorer = EncoderTitleScorer(snapshot.occupations, config, occupation_skill_labels(snapshot))
    weights = dict(zip(CHANNELS, _shipped(config), strict=True))
    out = []
    for b in range(0, len(texts), BATCH):
        part = texts[b : b + BATCH]
        score = index.scores(part) if lexical else np.zeros((len(part), scorer.n_occ), np.float32)
        for name, value in scorer.parts(part).items():
            score += weights[name] * value
        out.append(score)
    return np.vstack(out) if out else np.zeros((0, len(snapshot.occupations)), np.float32)


def _shipped(config: EncoderConfig) -> tuple[float, ...]:
    return (
        config.label_weight,
        config.centroid_weight,
        config.description_weight,
        config.skill_weight,
    )


def lead_features(snapshot: EscoSnapshot, titles: list[str], golds: list[str], encoder: str):
    """The hybrid score of each title and the encoder's weighted cosines of its lead part
    (zeros without one, or for a title the language gate takes for Dutch), as the ``lexical``
    and ``label`` entries of a feature dict (the other channels empty), so that
    ``reciprocal_ranks(f, (w, 0, 0, 0), k)`` ranks by title + w x lead part. The engine adds the
    lead part to the title's 25 candidates only; here it is added to all occupations."""
    whole = hybrid_scores(snapshot, titles, encoder)
    gate = LanguageGate(snapshot.occupations)
    leads = [lead_part(t) or "" for t in titles]
    leads = [
        lead if lead and not gate.is_dutch(clean_title(title)) else ""
        for title, lead in zip(titles, leads, strict=True)
    ]
    lead = hybrid_scores(snapshot, leads, encoder, lexical=False)
    pos = {o.uri: i for i, o in enumerate(snapshot.occupations)}
    empty = np.zeros((len(titles), 1), np.float32)  # broadcast: weight 0 in the lead grid
    return {
        "lexical": whole,
        "label": lead,
        "centroid": empty,
        "description": empty,
        "skills": empty,
        "gold": np.array([pos.get(g, -1) for g in golds]),
    }


def lead_part_search(snapshot: EscoSnapshot, eval_dir: Path, encoder: str) -> dict:
    """The lead part's weight by 5-fold CV in the English dev half; both languages' figures
    without it (weight 0) and with it."""
    data = {
        "English": english(snapshot, english_titles_path(eval_dir), encoder, lead_features),
        "Dutch": dutch(
            with_english_examples(snapshot, english_titles_path(eval_dir)),
            eval_dir / "jobtitles_nl" / "titles_nl.validation.tsv",
            encoder,
            lead_features,
        ),
    }
    en = data["English"]
    tables = [rr_table(f, en["k"], LEAD_GRID) for f in en["folds"]]
    weight = LEAD_GRID[best_index(tables, LEAD_GRID)][0]
    out: dict = {"weight": weight, "English CV": cv_from_tables(tables, LEAD_GRID)}
    for name, d in data.items():
        k, folds = d["k"], d["folds"]
        for w in (0.0, weight):
            out[name, w] = {
                "dev": mean_rr(folds, (w, 0, 0, 0), k),
                "held-out": mean_rr([d["held-out"]], (w, 0, 0, 0), k),
            }
    return out


def lead_markdown(result: dict) -> str:
    w = result["weight"]
    lines = [
        f"Lead part weight chosen on the English dev half: {w} "
        f"(English dev, 5-fold CV: {result['English CV']:.3f}).",
        "",
        "| titles | without: dev / held-out | with the lead part: dev / held-out |",
        "| --- | --- | --- |",
    ]
    for name in ("English", "Dutch"):
        a, b = result[name, 0.0], result[name, w]
        lines.append(
            f"| {name} | {a['dev']:.3f} / {a['held-out']:.3f} "
            f"| {b['dev']:.3f} / {b['held-out']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--esco", required=True)
    p.add_argument("--eval", required=True)
    p.add_argument("--title-encoder", default="use")
    p.add_argument("--lead-parts", action="store_true", help="choose the lead part's weight")
    a = p.parse_args(argv)
    snapshot = snapshot_from_csv(a.esco)
    if a.lead_parts:
        with remember_label_vectors():
            print(lead_markdown(lead_part_search(snapshot, Path(a.eval), a.title_encoder)))
        return
    with remember_label_vectors():
        en = english(snapshot, english_titles_path(a.eval), a.title_encoder)
        nl = dutch(
            with_english_examples(snapshot, english_titles_path(a.eval)),
            Path(a.eval) / "jobtitles_nl" / "titles_nl.validation.tsv",
            a.title_encoder,
        )
    print(markdown(report(en, nl)))
