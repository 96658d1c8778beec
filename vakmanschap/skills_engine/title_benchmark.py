"""Job-title figures as the engine ranks, with real titles added as labels only where they are
not measured (``title_examples``).

* English (``titles.validation.csv``): two fixed halves by a hash of the title (``title_half``).
  The dev half is measured by 5-fold cross-validation inside it (each fold with the other four
  folds' titles added as English hidden labels), the held-out half with the whole dev half
  added. MRR with the rank in the top 100 (the file's usual figure), MRR@10, recall@1/5/10.
* Dutch (``jobtitles_nl``): ``dutch_evaluation`` uses ``title_ranks`` and ``title_figures`` the
  same way, with its own halves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from .embeddings import (
    EncoderConfig,
    EncoderTitleScorer,
    occupation_skill_labels,
    remember_label_vectors,
)
from .labels import query_in_batches
from .snapshot import EscoSnapshot
from .title_examples import add_title_examples, read_title_examples
from .title_parts import add_lead_parts
from .titles import TitleConfig, TitleIndex

ENGLISH_FOLDS = 5


def title_half(title: str) -> str:
    """A fixed half of the English titles by a hash of the title (the same title, the same half):
    "dev" (settings are chosen on it) or "held-out" (never looked at)."""
    return ("dev", "held-out")[hashlib.sha256(title.strip().lower().encode()).digest()[0] & 1]


def english_fold_of(title: str) -> int:
    """A fixed cross-validation fold (0..4) of an English title inside its half."""
    return hashlib.sha256(f"cv|{title.strip().lower()}".encode()).digest()[0] % ENGLISH_FOLDS


def english_titles_path(eval_dir: str | Path) -> Path:
    return Path(eval_dir) / "jobtitles" / "titles.validation.csv"


def with_english_examples(snapshot: EscoSnapshot, path: str | Path) -> EscoSnapshot:
    """``snapshot`` with every title of the English file at ``path`` added as an example, as
    the engine ships them (unchanged when there is no such file): what Dutch titles are matched
    against."""
    if not Path(path).is_file():
        return snapshot
    return add_title_examples(snapshot, read_title_examples(path), "en")[0]


def english_splits(snapshot: EscoSnapshot, rows: list[dict]):
    """(snapshot with examples, rows measured on it): each dev fold with the other folds' titles
    added, then the held-out half with the whole dev half added."""
    dev = [r for r in rows if title_half(r["title"]) == "dev"]
    for fold in range(ENGLISH_FOLDS):
        others = [r for r in dev if english_fold_of(r["title"]) != fold]
        inside = [r for r in dev if english_fold_of(r["title"]) == fold]
        yield add_title_examples(snapshot, others, "en")[0], inside
    held_out = [r for r in rows if title_half(r["title"]) == "held-out"]
    yield add_title_examples(snapshot, dev, "en")[0], held_out


def title_ranks(
    snapshot: EscoSnapshot,
    rows: list[dict],
    k: int,
    config: TitleConfig | None = None,
    title_encoder: EncoderConfig | None = None,
) -> list[int]:
    """Rank (1..k, 0 = not in the top k) of each row's gold occupation (``conceptUri``) for its
    ``title``, lexical + the encoder's cosines as the engine ranks (lexical only without
    ``title_encoder``)."""
    index = TitleIndex(snapshot.occupations, config)
    scores = index.scores
    if title_encoder is not None:
        scorer = EncoderTitleScorer(
            snapshot.occupations, title_encoder, occupation_skill_labels(snapshot)
        )
        scores = lambda part: add_lead_parts(  # noqa: E731
            scorer.rescore(part, index.scores(part)), part, scorer
        )
    pos = {o.uri: i for i, o in enumerate(snapshot.occupations)}
    ranks = []
    titles = [r["title"] for r in rows]
    for row, res in zip(rows, query_in_batches(scores, titles, k, 256), strict=True):
        ids = [i for i, _ in res]
        gold = pos.get(row["conceptUri"])
        ranks.append(ids.index(gold) + 1 if gold in ids else 0)
    return ranks


def title_figures(ranks: list[int]) -> dict:
    """MRR over the ranks given (0 = a miss), MRR@10 and recall@1/5/10; None for no ranks."""
    r = np.array(ranks)
    rr = np.where(r > 0, 1.0 / np.maximum(r, 1), 0.0)
    mean = lambda values: float(np.mean(values)) if len(r) else None  # noqa: E731
    return {
        "n": len(ranks),
        "mrr": mean(rr),
        "mrr@10": mean(np.where(r <= 10, rr, 0.0)),
        **{f"recall@{h}": mean((r > 0) & (r <= h)) for h in (1, 5, 10)},
    }


def evaluate_english_titles(
    snapshot: EscoSnapshot,
    path: str | Path,
    title_encoder: EncoderConfig | None = None,
    k: int = 100,
) -> dict:
    """English titles per half: ``plain`` on the snapshot's labels, ``examples`` with the file's
    other titles added as examples, each title measured only by an index that does not hold it
    (module docstring)."""
    rows = read_title_examples(path)
    dev = [r for r in rows if title_half(r["title"]) == "dev"]
    held_out = [r for r in rows if title_half(r["title"]) == "held-out"]
    with remember_label_vectors():  # the folds share almost every label
        plain = title_ranks(snapshot, dev + held_out, k, title_encoder=title_encoder)
        ranks = [
            title_ranks(added, measured, k, title_encoder=title_encoder)
            for added, measured in english_splits(snapshot, rows)
        ]
    dev_ranks, held_ranks = sum(ranks[:-1], []), ranks[-1]
    return {
        "plain": {
            "dev": title_figures(plain[: len(dev)]),
            "held-out": title_figures(plain[len(dev) :]),
        },
        "examples": {"dev": title_figures(dev_ranks), "held-out": title_figures(held_ranks)},
    }


def english_markdown_rows(figures: dict) -> list[str]:
    """Table rows (``| figure | value | target |``) of ``evaluate_english_titles``."""
    p, e = figures["plain"], figures["examples"]
    d, h = e["dev"], e["held-out"]
    return [
        f"| English titles MRR, ESCO labels only: dev / held-out half (n={p['dev']['n']} / "
        f"{p['held-out']['n']}) | {_f(p['dev']['mrr'])} / {_f(p['held-out']['mrr'])} | |",
        "| English titles MRR, with the file's other titles as examples (the default): dev "
        f"(5-fold CV) / held-out | {_f(d['mrr'])} / {_f(h['mrr'])} | >= 0.42 |",
        f"| English titles MRR@10, with examples: dev (CV) / held-out | {_f(d['mrr@10'])} / "
        f"{_f(h['mrr@10'])} | |",
        f"| English titles recall@1 / @5 / @10, with examples, held-out | {_f(h['recall@1'])} / "
        f"{_f(h['recall@5'])} / {_f(h['recall@10'])} | |",
    ]


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
