"""Text normalisation, tokenisation, stop words and a small TF-IDF vectoriser (numpy/scipy).

Own implementation instead of scikit-learn: the engine needs only a few lines of it, and the
vocabulary and idf arrays pickle into the engine cache directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

import numpy as np
import scipy.sparse as sp

from .compact import StringIndex, StringTable

_WORD = re.compile(r"[a-z0-9]+(?:[+#]+|(?:\.[a-z0-9]+)+)?")

STOP_EN = frozenset(
    """
a about above after again against all also am an and any are as at be because been being below
between both but by can could did do does doing down during each etc few for from further had has
have having he her here hers him his how i if in into is it its itself just like may me might more
most must my no nor not now of off on once only or other our ours out over own per plus same she
should so some such than that the their them then there these they this those through to too under
until up very via was we well were what when where which while who whom why will with within would
you your yours able ability abilities experience experienced years year knowledge understanding
strong good great excellent solid proven skills skill required requirement requirements preferred
including include includes using use used e g ie eg looking candidate candidates role position
job work working team company organization organisation new s t re ll ve d m
""".split()
)

STOP_NL = frozenset(
    """
aan al alle als andere bij daar dan dat de der deze die dit doen door een eens en er ervaring
geen had heb hebben heeft het hier hij hoe hun ik in is je jij jouw kan kennis kunnen maar me
meer met mij mijn moet na naar niet niets nog nu of om omdat onder ons onze ook op over te tegen
toch tot u uit uw van veel voor want was wat we wel werd wie wij wil worden wordt zal ze zelf zich
zij zijn zo zonder zou jaar jaren goede goed vaardigheden vaardigheid kennis functie baan werken
""".split()
)

STOP = STOP_EN | STOP_NL


def fold(text: str) -> str:
    """Lower-case and strip accents ("inspiciënt" -> "inspicient")."""
    if text.isascii():  # nothing to decompose: skips a pass over every character
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded word tokens; keeps "c++", "c#", ".net"-like dots inside words ("node.js")."""
    return _WORD.findall(fold(text).replace("-", " "))


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP]


def stem(word: str) -> str:
    """Very light suffix stripping shared by English and Dutch (plural and -ing/-en forms)."""
    if len(word) <= 4 or any(c.isdigit() for c in word):
        return word
    for suf in ("ments", "ings", "ment", "ing", "ies", "ers", "en", "es", "er", "s", "e"):
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


def char_ngrams(text: str, n_min: int = 3, n_max: int = 4) -> list[str]:
    """Character n-grams inside word boundaries (padded with spaces), typo tolerant."""
    out: list[str] = []
    for w in words(text):
        w = f" {w} "
        for n in range(n_min, n_max + 1):
            out.extend(w[i : i + n] for i in range(len(w) - n + 1))
    return out


def word_ngrams(text: str, n_max: int = 2, stop: frozenset = STOP) -> list[str]:
    toks = [stem(w) for w in words(text) if w not in stop]
    out = list(toks)
    for n in range(2, n_max + 1):
        out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return out


class TfidfVectorizer:
    """Minimal TF-IDF (smooth idf, optional sublinear tf, l2-normalised rows)."""

    def __init__(
        self,
        analyzer: Callable[[str], list[str]],
        sublinear_tf: bool = True,
        min_df: int = 1,
        max_df: float = 1.0,
    ):
        self.analyzer = analyzer
        self.sublinear_tf = sublinear_tf
        self.min_df = min_df
        self.max_df = max_df  # share of documents; very common terms are dropped (speed)
        self.vocab = StringIndex(StringTable([]))
        self.idf = np.zeros(0, dtype=np.float32)

    def fit(self, docs: Iterable[str]) -> TfidfVectorizer:
        df: dict[str, int] = {}
        n = 0
        for doc in docs:
            n += 1
            for t in set(self.analyzer(doc)):
                df[t] = df.get(t, 0) + 1
        # max_df only bites on real corpora: a tiny index keeps all its terms
        terms = sorted(t for t, c in df.items() if self.min_df <= c <= max(self.max_df * n, 50))
        # Not a dict: a worker reading a dict's int values copies the pages they live on.
        self.vocab = StringIndex(StringTable(terms))
        counts = np.array([df[t] for t in terms], dtype=np.float64)
        self.idf = (np.log((1 + n) / (1 + counts)) + 1).astype(np.float32)
        return self

    def weights(self, docs: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(document, term, weight) of each known term of each document, ordered by document
        then term, not normalised: the entries of ``transform(docs, normalize=False)`` as plain
        arrays, for callers that need a few rows without building a matrix."""
        terms: list[str] = []
        counts: list[int] = []
        for doc in docs:
            doc_terms = self.analyzer(doc)
            terms += doc_terms
            counts.append(len(doc_terms))
        cols = self.vocab.positions(terms)
        rows = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        known = cols >= 0
        # a term seen twice in a document counts twice: the term frequency
        keys, tf = np.unique(rows[known] * len(self.vocab) + cols[known], return_counts=True)
        rows, cols = np.divmod(keys, max(len(self.vocab), 1))
        weight = tf.astype(np.float32)
        if self.sublinear_tf:
            weight = 1 + np.log(weight)
        weight *= self.idf[cols]
        return rows, cols, weight

    def transform(self, docs: Iterable[str], normalize: bool = True) -> sp.csr_matrix:
        docs = list(docs)
        rows, cols, weight = self.weights(docs)
        indptr = np.r_[0, np.cumsum(np.bincount(rows, minlength=len(docs)))]
        if normalize:
            weight = unit_rows(rows, weight, len(docs))
        return sp.csr_matrix((weight, cols, indptr), shape=(len(docs), len(self.vocab)))

    def fit_transform(self, docs: list[str]) -> sp.csr_matrix:
        return self.fit(docs).transform(docs)

    def __getstate__(self):  # analyzers are module functions or partials; pickle by reference
        return self.__dict__


def row_lengths(rows: np.ndarray, data: np.ndarray, n_rows: int) -> np.ndarray:
    """(n_rows,) float32: the Euclidean length of each row (``rows``: the row of each value of
    ``data``, float32); 1 for an empty row, so that dividing by it leaves the row as it is."""
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n_rows))
    norms[norms == 0] = 1
    return norms.astype(np.float32)


def unit_rows(rows: np.ndarray, data: np.ndarray, n_rows: int) -> np.ndarray:
    """``data`` divided by the length of its row, as a new float32 array."""
    data = data.astype(np.float32)  # copies: the caller's values are left as they were
    data /= row_lengths(rows, data, n_rows)[rows]
    return data


def l2_normalize(m: sp.csr_matrix) -> sp.csr_matrix:
    """Rows scaled to unit length (empty rows stay empty), as a new float32 CSR matrix. Works on
    the arrays directly: it runs several times per query, and scipy's generic route (elementwise
    multiply, sum, diagonal product) costs more than the arithmetic on short texts."""
    m = m.tocsr()
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    data = unit_rows(rows, m.data, m.shape[0])
    return sp.csr_matrix((data, m.indices.copy(), m.indptr.copy()), shape=m.shape)


def csr_rows(matrix: sp.csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lengths, columns, values): the entries of ``rows`` of a CSR matrix, row after row, and
    how many each row has. Copied slice by slice from the matrix's arrays: for the few rows a
    query reads, building a sparse matrix costs more than the arithmetic."""
    starts, ends = matrix.indptr[rows], matrix.indptr[np.asarray(rows) + 1]
    if not len(starts):
        return np.zeros(0, np.int64), matrix.indices[:0].copy(), matrix.data[:0].copy()
    indices, data = matrix.indices, matrix.data
    spans = list(zip(starts.tolist(), ends.tolist(), strict=True))
    return (
        ends - starts,
        np.concatenate([indices[a:b] for a, b in spans]),
        np.concatenate([data[a:b] for a, b in spans]),
    )
