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

    def transform(self, docs: Iterable[str], normalize: bool = True) -> sp.csr_matrix:
        terms: list[str] = []
        counts: list[int] = []
        for doc in docs:
            doc_terms = self.analyzer(doc)
            terms += doc_terms
            counts.append(len(doc_terms))
        cols = self.vocab.positions(terms)
        rows = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        known = cols >= 0
        # duplicates (a term seen twice in a document) are summed: the term frequency
        m = sp.csr_matrix(
            (np.ones(int(known.sum()), dtype=np.float32), (rows[known], cols[known])),
            shape=(len(counts), len(self.vocab)),
        )
        m.sum_duplicates()
        if self.sublinear_tf and m.nnz:
            m.data = 1 + np.log(m.data)
        if m.nnz:  # in place: scipy's elementwise multiply builds two more matrices per call
            m.data *= self.idf[m.indices]
        return l2_normalize(m) if normalize else m

    def fit_transform(self, docs: list[str]) -> sp.csr_matrix:
        return self.fit(docs).transform(docs)

    def __getstate__(self):  # analyzers are module functions or partials; pickle by reference
        return self.__dict__


def l2_normalize(m: sp.csr_matrix) -> sp.csr_matrix:
    """Rows scaled to unit length (empty rows stay empty), as a new float32 CSR matrix. Works on
    the arrays directly: it runs several times per query, and scipy's generic route (elementwise
    multiply, sum, diagonal product) costs more than the arithmetic on short texts."""
    m = m.tocsr()
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    data = m.data.astype(np.float32)  # copies: the caller's matrix is left as it was
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=m.shape[0]))
    norms[norms == 0] = 1
    data /= norms[rows].astype(np.float32)
    return sp.csr_matrix((data, m.indices.copy(), m.indptr.copy()), shape=m.shape)
