"""Model-based sentence -> skill scores, fused with the lexical extractor (``extraction.py``).

Each skill's labels (preferred and alternative, English and Dutch) are embedded once, at engine
build, with a numpy-only multilingual encoder (``encoders.py``). All labels are kept as int8 rows
(``int8_rows.py``); the preferred labels, scanned for every text, are also kept in their leading
dimensions as float32 (float16 in the engine cache). A text is embedded as a query; a skill's model score is the cosine with its best label.
The extractor adds ``weight x`` that score to its lexical score.

Embedding ~125k labels takes minutes, so vectors are also kept in a content-addressed file per
encoder (``VAKMANSCHAP_EMBEDDING_CACHE``, default ``~/.cache/vakmanschap/embeddings``): a rebuild
for a new import only encodes labels it has not seen. If the encoder is not installed the engine
warns once and stays lexical.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .encoders import EncoderUnavailable, encoder, one_blas_thread
from .int8_rows import Int8Rows
from .labels import LabelTable, best_per_concept, label_table
from .snapshot import Skill

log = logging.getLogger(__name__)


def vector_store_dir() -> Path:
    default = Path.home() / ".cache" / "vakmanschap" / "embeddings"
    return Path(os.environ.get("VAKMANSCHAP_EMBEDDING_CACHE") or default)


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()[:16]


def encode_passages(name: str, texts: Sequence[str], batch: int = 256) -> np.ndarray:
    """float16 passage vectors of ``texts``, reusing the on-disk store for texts seen before."""
    model = encoder(name)
    path = vector_store_dir() / f"{name}.npz"
    known: dict[bytes, np.ndarray] = {}
    try:
        with np.load(path) as stored:
            keys, vectors = stored["keys"], stored["vectors"]
        if vectors.shape[1:] == (model.dim,):
            # raw bytes, not numpy's bytes strings: those drop trailing zero bytes
            keys = np.ascontiguousarray(keys).view(np.uint8).reshape(-1, 16)
            known = {k.tobytes(): v for k, v in zip(keys, vectors, strict=True)}
    except (OSError, KeyError, ValueError):  # absent or unreadable: encode everything
        pass
    missing = sorted({t for t in texts if _key(t) not in known})
    for b in range(0, len(missing), batch):
        part = missing[b : b + batch]
        for text, vec in zip(part, model.passages(part).astype(np.float16), strict=True):
            known[_key(text)] = vec
    if missing:
        _save(path, known)
    out = np.zeros((len(texts), model.dim), dtype=np.float16)
    for i, text in enumerate(texts):
        out[i] = known[_key(text)]
    return out


def _save(path: Path, known: dict[bytes, np.ndarray]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.frombuffer(b"".join(known), dtype=np.uint8).reshape(-1, 16)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".npz") as f:
            np.savez(f, keys=keys, vectors=np.stack(list(known.values())))
        os.replace(f.name, path)
    except OSError as exc:  # a read-only home only costs speed on the next build
        log.warning("could not store label embeddings in %s: %s", path, exc)


class _Preferred:
    """A concept seen through its preferred labels only (for ``label_table``)."""

    def __init__(self, concept):
        self.labels = {
            lang: {"preferred": d.get("preferred", "")} for lang, d in concept.labels.items()
        }


# The preferred labels are scanned in this many dimensions (of 512) to pick the candidates,
# whose labels are then scored in full. Chosen on ESCO alone: with 600 of its alternative labels
# as queries, 192 keeps 99.4% of the full scan's top 10 (128: 98.7%, 96: 97.4%) and 94% of the
# matrix's energy, and scans in a sixth of the time (0.4 against 2.8 ms per sentence).
HEAD_DIMENSIONS = 192


class SkillLabelEmbeddings:
    """Label embeddings of every skill. Scanning all ~125k label vectors for every sentence
    costs ~25 ms of memory traffic, so ``scores`` scans the preferred labels (en + nl, ~21k),
    in ``HEAD_DIMENSIONS`` leading dimensions, and scores all labels, in full, only for the best
    ``candidates`` skills; on the validation files this gives the same rankings as the full
    scan (200 or 1,000 candidates alike)."""

    def __init__(self, skills: list[Skill], encoder_name: str, candidates: int = 200):
        self.encoder_name = encoder_name
        self.n_skills = len(skills)
        self.candidates = candidates
        langs = ("en", "nl")
        self.table: LabelTable = label_table(skills, str.strip, languages=langs, keep="text")
        self.head: LabelTable = label_table(
            [_Preferred(s) for s in skills], str.strip, languages=langs, keep="text"
        )
        # All labels: only the candidates' rows are read, so int8 (a quarter of float32). The
        # preferred labels are multiplied in full: float32 in memory (numpy multiplies float16
        # without BLAS: far too slow), float16 in the engine cache (loading converts back).
        self.vectors = Int8Rows(encode_passages(encoder_name, self.table.texts))
        head = encode_passages(encoder_name, self.head.texts).astype(np.float32)
        self.basis, self.head_vectors = reduced_basis(head, HEAD_DIMENSIONS)
        # The texts are not needed after encoding; dropped, they cost no memory in every process.
        self.table.texts = self.head.texts = []
        # rows of each skill in ``table`` (label_table sorts rows by skill): [first, end)
        self.first = np.zeros(self.n_skills, dtype=np.int64)
        self.count = np.zeros(self.n_skills, dtype=np.int64)
        self.first[self.table.owner_of_start] = self.table.starts
        np.add.at(self.count, self.table.owner, 1)

    def __getstate__(self):
        return {**self.__dict__, "head_vectors": self.head_vectors.astype(np.float16)}

    def __setstate__(self, state):
        self.__dict__.update(state, head_vectors=state["head_vectors"].astype(np.float32))

    def scores(self, texts: list[str], prior: np.ndarray | None = None, weight: float = 1.0):
        """(len(texts), n_skills): cosine with each skill's best label. All labels count for the
        ``candidates`` skills ranked best by ``prior + weight x`` preferred-label cosine (prior:
        the lexical scores), the preferred labels for the others."""
        with one_blas_thread():
            return self._scores(texts, prior, weight)

    def _scores(self, texts, prior, weight):
        queries = encoder(self.encoder_name).queries(texts)
        reduced = queries @ self.basis
        out = best_per_concept(reduced @ self.head_vectors.T, self.head, self.n_skills)
        rank = weight * out if prior is None else prior + weight * out
        c = min(self.candidates, self.n_skills)
        if not len(self.vectors) or c <= 0:
            return out
        chosen = np.argpartition(-rank, c - 1, axis=1)[:, :c]
        for i, skills in enumerate(chosen):
            skills = skills[self.count[skills] > 0]
            counts = self.count[skills]
            offsets = np.r_[0, np.cumsum(counts)[:-1]]
            rows = np.repeat(self.first[skills] - offsets, counts) + np.arange(counts.sum())
            # exact: a candidate's labels include its preferred ones
            out[i, skills] = np.maximum.reduceat(self.vectors.dot(rows, queries[i]), offsets)
        return out


def reduced_basis(vectors: np.ndarray, dimensions: int) -> tuple[np.ndarray, np.ndarray]:
    """(basis, vectors @ basis): the ``dimensions`` leading right singular vectors of
    ``vectors`` (not centred, so dot products are what is approximated). With no more rows than
    ``dimensions`` the basis spans every row and the products are exact."""
    _, _, vt = np.linalg.svd(vectors, full_matrices=False)
    basis = np.ascontiguousarray(vt[:dimensions].T, dtype=np.float32)
    return basis, np.ascontiguousarray(vectors @ basis, dtype=np.float32)


def build_embeddings(skills: list[Skill], encoder_name: str | None):
    """The label embeddings, or None (lexical only) when no encoder is asked for or installed."""
    if not encoder_name:
        return None
    try:
        return SkillLabelEmbeddings(skills, encoder_name)
    except EncoderUnavailable as exc:
        log.warning(
            "sentence encoder %r unavailable, skill extraction stays lexical: %s", encoder_name, exc
        )
        return None
