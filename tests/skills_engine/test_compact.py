import gc
import os
import pickle
import random
import subprocess
import sys

import numpy as np
import pytest

from vakmanschap.skills_engine.compact import Labels, StringIndex, StringTable


def _strings(n, seed=0):
    rng = random.Random(seed)
    # ASCII, Latin-1, a curly quote (two bytes a character) and the empty string
    return ["".join(rng.choice("abcdeéř’ ") for _ in range(rng.randint(0, 8))) for _ in range(n)]


def test_table_reads_like_the_list_it_was_made_from():
    strings = _strings(5000)
    table = StringTable(strings)
    assert len(table) == len(strings)
    assert list(table) == strings
    assert [table[i] for i in (0, 17, -1)] == [strings[0], strings[17], strings[-1]]
    assert table[10:20] == strings[10:20]
    with pytest.raises(IndexError):
        table[len(strings)]
    rows = [0, 4999, 17, 17, 3]
    assert table.take(rows) == [strings[i] for i in rows]
    assert table.take(np.array(rows)) == [strings[i] for i in rows]
    assert table.take([]) == []


def test_index_finds_what_a_dict_finds():
    strings = list(dict.fromkeys(_strings(20000)))
    index = StringIndex(StringTable(strings))
    expected = {s: i for i, s in enumerate(strings)}
    queries = _strings(20000, seed=1) + [None, 3]
    assert index.positions(queries[:-2]).tolist() == [expected.get(q, -1) for q in queries[:-2]]
    assert [index.get(q) for q in queries] == [expected.get(q) for q in queries]
    assert all((q in index) == (q in expected) for q in queries)
    with_members = pickle.loads(pickle.dumps(StringIndex(StringTable(strings), members=True)))
    assert all((q in with_members) == (q in expected) for q in queries)
    assert [with_members.get(q) for q in queries] == [expected.get(q) for q in queries]
    assert with_members.positions(queries[:-2]).tolist() == [
        expected.get(q, -1) for q in queries[:-2]
    ]
    assert index[strings[5]] == 5
    with pytest.raises(KeyError):
        index["not a label at all"]


def test_strings_that_python_hashes_alike_are_told_apart():
    # "te" (two Latin-1 bytes) and "整" (one UCS-2 character, the same two bytes) hash alike
    assert hash("te") == hash("\u6574")
    index = StringIndex(StringTable(["te", "\u6574", "x"]))
    assert [index.get("te"), index.get("\u6574")] == [0, 1]
    assert index.positions(["\u6574", "te", "\u6575"]).tolist() == [1, 0, -1]


def test_a_pickled_index_works_in_a_process_with_another_hash_salt(tmp_path):
    strings = list(dict.fromkeys(_strings(3000)))
    path = tmp_path / "index.pkl"
    path.write_bytes(pickle.dumps(StringIndex(StringTable(strings))))
    check = (
        "import pickle, sys; index = pickle.load(open(sys.argv[1], 'rb')); "
        "strings = pickle.load(open(sys.argv[2], 'rb')); "
        "assert [index.get(s) for s in strings] == list(range(len(strings)))"
    )
    (tmp_path / "strings.pkl").write_bytes(pickle.dumps(strings))
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-c", check, str(path), str(tmp_path / "strings.pkl")],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )


def test_labels_fall_back_to_english():
    labels = Labels([{"en": "nurse", "nl": "verpleegkundige"}, {"en": "welder", "nl": ""}])
    assert labels[0] == {"en": "nurse", "nl": "verpleegkundige"}
    assert labels[1] == {"en": "welder"}
    assert labels.label(1, "nl") == "welder"
    assert labels.label(0, "nl") == "verpleegkundige"
    assert len(labels) == 2 and list(labels)[1] == {"en": "welder"}
    assert labels.take([1, 0, 1], "nl") == ["welder", "verpleegkundige", "welder"]
    assert labels.take([0], "de") == ["nurse"]


PAGE = 4096


def _pages_of(objects) -> list[int]:
    """The pages that hold ``objects`` (and a numpy array's data)."""
    pages = set()
    for obj in objects:
        spans = [(id(obj), sys.getsizeof(obj))]
        if isinstance(obj, np.ndarray):
            spans.append((obj.ctypes.data, obj.nbytes))
        for start, size in spans:
            pages.update(range(start // PAGE, (start + max(size, 1) - 1) // PAGE + 1))
    return sorted(pages)


def _exclusive(pages: list[int]) -> int:
    """How many of ``pages`` this process holds alone (pagemap bit 56: copied after a fork)."""
    fd = os.open("/proc/self/pagemap", os.O_RDONLY)
    try:
        entries = [int.from_bytes(os.pread(fd, 8, p * 8), "little") for p in pages]
    finally:
        os.close(fd)
    return sum(1 for e in entries if e >> 63 & 1 and e >> 56 & 1)


def _copied_by_reading_in_a_fork(shared, read) -> int:
    """Pages of ``shared`` objects that a forked child copies by ``read()`` (gc frozen first,
    as gunicorn's master does)."""
    gc.collect()
    gc.freeze()
    pages = _pages_of(shared)
    try:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            before = _exclusive(pages)
            read()
            os.write(w, str(_exclusive(pages) - before).encode())
            os._exit(0)
        os.close(w)
        copied = int(os.read(r, 64))
        os.waitpid(pid, 0)
        return copied
    finally:
        gc.unfreeze()


@pytest.mark.skipif(not os.path.exists("/proc/self/pagemap"), reason="Linux only")
def test_a_forked_reader_copies_no_pages_of_the_index():
    strings = [f"http://data.europa.eu/esco/skill/{i:08x}-{i * 7919:x}" for i in range(100_000)]
    as_dict = {s: i for i, s in enumerate(strings)}
    as_index = StringIndex(StringTable(strings))
    queries = [q.encode().decode() for q in strings[::50]]  # new strings, as in a request
    dict_objects = [as_dict, *as_dict, *as_dict.values()]
    index_objects = [
        as_index,
        as_index.table,
        as_index.table.text,
        as_index.table.ends,
        as_index._hashes,
        as_index._rows,
    ]
    dict_pages = _copied_by_reading_in_a_fork(dict_objects, lambda: [as_dict[q] for q in queries])
    index_pages = _copied_by_reading_in_a_fork(
        index_objects, lambda: [as_index.positions(queries), [as_index[q] for q in queries]]
    )
    assert dict_pages > 500, dict_pages  # an int per lookup, most on a page of their own
    # the objects themselves and their neighbours on the same pages, not the data; after other
    # tests the child's own new objects can land in free slots on those pages too (up to ~25 seen)
    assert index_pages < 50, (index_pages, dict_pages)
