"""One row per distinct label of each concept, grouped by concept: the table that the title
matcher, the skill extractor and the title embeddings all score against."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

KINDS = ("preferred", "alt", "hidden")


@dataclass
class LabelTable:
    texts: list[str]
    owner: np.ndarray  # concept index per row, ascending
    weight: np.ndarray  # per row, from the label kind
    starts: np.ndarray  # first row of each concept that has labels
    owner_of_start: np.ndarray  # the concept of each start


def label_table(
    concepts: Sequence,
    key: Callable[[str], str],
    weights: dict[str, float] | None = None,
    languages: Iterable[str] | None = None,
    keep: str = "key",
) -> LabelTable:
    """Labels of ``concepts`` (objects with ``.labels[lang][kind]``), deduplicated per concept by
    ``key(text)``; rows hold the key (``keep="key"``) or the original text (``keep="text"``)."""
    weights = weights or {}
    langs = list(languages) if languages is not None else None
    texts, owner, weight = [], [], []
    for i, concept in enumerate(concepts):
        seen = set()
        for lang, labels in concept.labels.items():
            if langs is not None and lang not in langs:
                continue
            for kind in KINDS:
                values = labels.get(kind) or []
                for text in [values] if isinstance(values, str) else values:
                    k = key(text)
                    if k and k not in seen:
                        seen.add(k)
                        texts.append(k if keep == "key" else text)
                        owner.append(i)
                        weight.append(weights.get(kind, 1.0))
    order = np.argsort(np.asarray(owner, dtype=np.int32), kind="stable")
    owner_arr = np.asarray(owner, dtype=np.int32)[order]
    starts = (
        np.flatnonzero(np.r_[True, owner_arr[1:] != owner_arr[:-1]])
        if len(owner_arr)
        else np.zeros(0, dtype=np.int64)
    )
    return LabelTable(
        texts=[texts[i] for i in order],
        owner=owner_arr,
        weight=np.asarray(weight, dtype=np.float32)[order],
        starts=starts,
        owner_of_start=owner_arr[starts],
    )


def best_per_concept(label_scores: np.ndarray, table: LabelTable, n_concepts: int) -> np.ndarray:
    """(rows, n_concepts): each concept's best label score; concepts without labels score 0."""
    out = np.zeros((label_scores.shape[0], n_concepts), dtype=np.float32)
    if len(table.starts):
        out[:, table.owner_of_start] = np.maximum.reduceat(label_scores, table.starts, axis=1)
    return out


def query_in_batches(
    scores: Callable[[list[str]], np.ndarray], texts: list[str], k: int, batch: int
) -> list[list[tuple[int, float]]]:
    """``top_k`` of ``scores(texts)``, computed ``batch`` texts at a time (bounded memory)."""
    results: list[list[tuple[int, float]]] = []
    for b in range(0, len(texts), batch):
        results += top_k(scores(texts[b : b + batch]), k)
    return results


def top_k(scores: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
    """Per row the k best (column, score) pairs with a positive score, best first."""
    results: list[list[tuple[int, float]]] = []
    kk = min(k, scores.shape[1])
    if kk <= 0:
        return [[] for _ in range(scores.shape[0])]
    top = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
    for row, idx in zip(scores, top, strict=True):
        idx = idx[np.argsort(-row[idx], kind="stable")]
        results.append([(int(i), float(row[i])) for i in idx if row[i] > 0])
    return results
