"""Label vectors kept as int8 with a float32 scale per row: a quarter of float32's memory.

The big label matrices are only read a few hundred rows at a time (the labels of a query's
candidate concepts), so those rows are converted to float32 per query and the matrix stays
small in every gunicorn process. Each row is scaled by its largest absolute value / 127, which
keeps a cosine of 512-dimensional unit vectors within about 3e-4 of the float32 one on average,
2e-3 at worst (docs/decisions.md).
"""

from __future__ import annotations

import numpy as np

# Rows converted at once by ``products``: bounds the float32 copy to about 16 MB.
_CHUNK = 8192


class Int8Rows:
    def __init__(self, matrix: np.ndarray):
        matrix = np.asarray(matrix, dtype=np.float32)
        peak = np.abs(matrix).max(axis=1) if matrix.size else np.zeros(len(matrix), np.float32)
        scale = np.where(peak > 0, peak / 127, 1).astype(np.float32)
        self.codes = np.rint(matrix / scale[:, None]).astype(np.int8)
        self.scale = scale

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def shape(self) -> tuple[int, int]:
        return self.codes.shape

    def rows(self, index) -> np.ndarray:
        """The float32 vectors of rows ``index``."""
        return self.codes[index].astype(np.float32) * self.scale[index, None]

    def dot(self, index, query: np.ndarray) -> np.ndarray:
        """Products of rows ``index`` with one float32 ``query`` vector."""
        return (self.codes[index].astype(np.float32) @ query) * self.scale[index]

    def products(self, queries: np.ndarray) -> np.ndarray:
        """(len(queries), len(self)): every row times every query, a chunk of rows at a time."""
        out = np.empty((len(queries), len(self)), dtype=np.float32)
        for start in range(0, len(self), _CHUNK):
            part = slice(start, start + _CHUNK)
            out[:, part] = (queries @ self.codes[part].astype(np.float32).T) * self.scale[part]
        return out
