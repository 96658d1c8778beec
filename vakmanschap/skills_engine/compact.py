"""Strings and string -> position maps without one Python object per element.

Reading a Python object writes its reference count. In a gunicorn worker forked from the master
that loaded the engine, that write copies the whole 4 KB page the object lives on, so a worker
that looked up a few thousand URIs, labels or n-grams held a private copy of most of the pages
of those lists and dicts (docs/benchmarks.md, "Memory: the engine's strings without per-element
objects"). Here the strings are one ``str`` plus an offsets array, and a lookup is a binary
search over their hashes: reading creates new objects and writes to no shared page.

``hash()`` of a string is salted per process, so the hash arrays are rebuilt when a table is
unpickled; the pickle holds only the text and the offsets.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping

import numpy as np

_MASK = (1 << 64) - 1
_SPREAD = 0x9E3779B97F4A7C15  # odd: different lengths give different keys


def string_keys(strings: list[str]) -> np.ndarray:
    """int64 search keys: ``hash()`` with the length mixed in. CPython hashes a string's
    internal bytes, so "te" and "整" (two Latin-1 bytes, one UCS-2 character) hash alike."""
    hashes = np.fromiter(map(hash, strings), np.int64, len(strings)).view(np.uint64)
    lengths = np.fromiter(map(len, strings), np.uint64, len(strings))
    return (hashes ^ (lengths * np.uint64(_SPREAD))).view(np.int64)


def string_key(text: str) -> int:
    key = (hash(text) & _MASK) ^ (len(text) * _SPREAD & _MASK)
    return key - (1 << 64) if key >> 63 else key


class StringTable:
    """An immutable sequence of strings stored as one string and the end offset of each."""

    def __init__(self, strings: Iterable[str]):
        strings = list(strings)
        self.text = "".join(strings)
        self.ends = np.cumsum(np.fromiter(map(len, strings), np.int64, len(strings)))
        self._views()

    def _views(self) -> None:
        # one item of a memoryview is a plain int, read ten times faster than a numpy scalar
        self._ends = memoryview(self.ends)

    def __getstate__(self):
        return {"text": self.text, "ends": self.ends}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._views()

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self.ends)
        if not 0 <= i < len(self.ends):
            raise IndexError("StringTable index out of range")
        return self.text[self._ends[i - 1] if i else 0 : self._ends[i]]

    def take(self, rows) -> list[str]:
        """The strings of ``rows`` (an int sequence), faster than one by one."""
        rows = np.asarray(rows, dtype=np.int64).ravel()
        if not len(rows):
            return []
        ends = self.ends[rows]
        starts = np.where(rows > 0, self.ends[rows - 1], 0)
        text = self.text
        return [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]

    def __iter__(self) -> Iterator[str]:
        start = 0
        for end in self.ends.tolist():
            yield self.text[start:end]
            start = end

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    __hash__ = None


class StringIndex(Mapping):
    """``string -> position`` in a ``StringTable``, like ``{s: i for i, s in enumerate(t)}``."""

    def __init__(self, table: StringTable, members: bool = False):
        """``members``: also keep the strings as a frozenset, for ``in`` at dict speed (a set
        lookup of a string only reads it; the strings cost memory once, in the master)."""
        self.table = table
        self.members = members
        self._index()

    def _index(self) -> None:
        hashes = string_keys(list(self.table))
        order = np.argsort(hashes, kind="stable")
        self._hashes, self._rows = hashes[order], order
        self._hash_view, self._row_view = memoryview(self._hashes), memoryview(self._rows)
        self._members = frozenset(self.table) if self.members else None
        self._unique_keys = bool(np.all(np.diff(self._hashes) != 0))

    def __getstate__(self):
        return {"table": self.table, "members": self.members}

    def __setstate__(self, state):
        self.table, self.members = state["table"], state.get("members", False)
        self._index()

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __contains__(self, key) -> bool:
        if self._members is not None:
            return isinstance(key, str) and key in self._members
        return self.get(key) is not None

    def __getitem__(self, key) -> int:
        pos = self.get(key)
        if pos is None:
            raise KeyError(key)
        return pos

    def get(self, key, default=None):
        if not isinstance(key, str):
            return default
        h = string_key(key)
        pos = self._find(key, h, bisect_left(self._hash_view, h))
        return default if pos < 0 else pos

    def positions(self, keys: list[str]) -> np.ndarray:
        """The position of each key, -1 for keys not in the table (one search for all)."""
        hashes = string_keys(keys)
        at = np.searchsorted(self._hashes, hashes)
        if self._members is not None and self._unique_keys and len(self._hashes):
            # a member's key is its own: no string to compare
            inside = np.fromiter(map(self._members.__contains__, keys), bool, len(keys))
            np.minimum(at, len(self._hashes) - 1, out=at)
            return np.where(inside, self._rows[at], -1)
        hit = at < len(self._hashes)
        hit[hit] = self._hashes[at[hit]] == hashes[hit]
        out = np.full(len(keys), -1, dtype=np.int64)
        idx = np.flatnonzero(hit)
        rows = self._rows[at[idx]]
        ends = self.table.ends
        starts = np.where(rows > 0, ends[rows - 1], 0)
        text = self.table.text
        same = np.fromiter(
            (
                keys[i] == text[a:b]
                for i, a, b in zip(idx.tolist(), starts.tolist(), ends[rows].tolist(), strict=True)
            ),
            bool,
            len(idx),
        )
        out[idx[same]] = rows[same]
        for i in idx[~same].tolist():  # another string with the same hash (very rare)
            out[i] = self._find(keys[i], int(hashes[i]), int(at[i]) + 1)
        return out

    def _find(self, key: str, h: int, at: int) -> int:
        """Position of ``key`` among the rows whose hash is ``h`` (from ``at`` on), or -1."""
        table, hashes, rows = self.table, self._hash_view, self._row_view
        while at < len(hashes) and hashes[at] == h:
            row = rows[at]
            if table[row] == key:
                return row
            at += 1
        return -1


class Labels:
    """Per concept its preferred label in each language; ``labels[i]`` is ``{lang: label}``
    (languages without a label left out), as a new dict."""

    def __init__(self, rows: Iterable[dict[str, str]]):
        rows = list(rows)
        self.languages = tuple(dict.fromkeys(lang for row in rows for lang in row))
        self.columns = {
            lang: StringTable(row.get(lang) or "" for row in rows) for lang in self.languages
        }
        self.n = len(rows)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> dict[str, str]:
        out = {}
        for lang, column in self.columns.items():
            text = column[i]
            if text:
                out[lang] = text
        return out

    def __iter__(self) -> Iterator[dict[str, str]]:
        return (self[i] for i in range(self.n))

    def take(self, rows, lang: str = "en") -> list[str]:
        """``label(i, lang)`` of each of ``rows``, faster than one by one."""
        out = [""] * len(rows)
        for code in (lang, "en"):
            column = self.columns.get(code)
            if column is not None:
                out = [have or text for have, text in zip(out, column.take(rows), strict=True)]
        return out

    def label(self, i: int, lang: str = "en") -> str:
        """The label in ``lang``, else the English one, else ""."""
        for code in (lang, "en"):
            column = self.columns.get(code)
            if column is not None and column[i]:
                return column[i]
        return ""
