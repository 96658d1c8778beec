"""The lexical skill scores computed on the matrices' arrays (extraction.py) against the
straightforward scipy computation they replace, on real ESCO labels and real sentences."""

import csv

import numpy as np
import pytest
import scipy.sparse as sp

from tests.conftest import shared_data
from vakmanschap.skills_engine.extraction import WINDOW_BLOCK, ExtractionConfig, SkillExtractor
from vakmanschap.skills_engine.labels import best_per_concept
from vakmanschap.skills_engine.snapshot import snapshot_from_csv
from vakmanschap.skills_engine.text import content_words, csr_rows, l2_normalize


@pytest.fixture(scope="module")
def extractor():
    skills = snapshot_from_csv(shared_data("esco", "v1.1.1")).skills
    # every third skill: all kinds of labels, en and nl, at a third of the build time
    return SkillExtractor(skills[::3], ExtractionConfig(encoder=None))


@pytest.fixture(scope="module")
def sentences():
    path = shared_data("eval", "skills", "house_validation_annotations.csv")
    with open(path, encoding="utf-8") as f:
        house = list(dict.fromkeys(r["sentence"] for r in csv.DictReader(f)))[:40]
    return [
        *house,
        "Ik werk 10 jaar in de thuiszorg, help bij wassen en aankleden, geef medicijnen",
        "lassen",  # one word: no two-word window
        "the and of",  # stop words only
        "",
        " ".join(house[:8]),  # a paragraph: more words than one block of windows
    ]


def reference_window_max(ex: SkillExtractor, text: str) -> np.ndarray:
    """Best cosine of each label with a window of one or two content words, each window
    vectorised and multiplied with the label matrix as a sparse matrix of its own."""
    words = content_words(text)
    windows = [[w] for w in words] + [words[i : i + 2] for i in range(len(words) - 1)]
    if not windows:
        return np.zeros(ex.n_labels, dtype=np.float32)
    word_m = ex.char_vec.transform(words, normalize=False)
    inc = sp.lil_matrix((len(windows), len(words)), dtype=np.float32)  # window x word
    for i, window in enumerate(windows):
        start = i if i < len(words) else i - len(words)
        inc[i, start : start + len(window)] = 1
    return (l2_normalize(inc.tocsr() @ word_m) @ ex.char_t).toarray().max(axis=0)


def reference_scores(ex: SkillExtractor, text: str) -> np.ndarray:
    c = ex.config
    q = ex.stem_vec.transform([text], normalize=False)
    q.data[:] = 1.0
    label = (q @ ex.cover_t).toarray()
    label = np.minimum(label, 1.0) ** c.coverage_power * (c.coverage_weight * ex.label_damp)
    label += c.char_weight * reference_window_max(ex, text)
    label *= ex.table.weight
    out = best_per_concept(label.astype(np.float32), ex.table, ex.n_skills)
    return out + c.desc_weight * (ex.doc_vec.transform([text]) @ ex.doc_t).toarray()


def test_scores_equal_the_sparse_matrix_computation(extractor, sentences):
    assert len(content_words(sentences[-1])) > WINDOW_BLOCK
    fast = extractor.scores(sentences)
    for text, row in zip(sentences, fast, strict=True):
        expected = reference_scores(extractor, text)[0]
        np.testing.assert_allclose(row, expected, rtol=1e-5, atol=1e-6, err_msg=text)
        if row.any():
            # the same ten best, in the same order, unless two scores tie
            top = np.argsort(-row, kind="stable")[:10]
            assert np.allclose(row[top], np.sort(expected)[::-1][:10], rtol=1e-5), text
    assert not fast[-2].any() and not fast[-3].any()
    assert (fast > 0).sum() > 10_000  # the texts touch many skills: the comparison has teeth


def test_csr_rows_are_the_rows_of_the_matrix(extractor):
    m = extractor.char_t
    rows = np.array([5, 0, 5, m.shape[0] - 1])
    lengths, columns, values = csr_rows(m, rows)
    expected = m[rows]
    assert lengths.tolist() == np.diff(expected.indptr).tolist()
    assert columns.tolist() == expected.indices.tolist()
    assert values.tolist() == expected.data.tolist()
    empty = csr_rows(m, np.zeros(0, dtype=np.int64))
    assert [len(a) for a in empty] == [0, 0, 0]


def test_transform_equals_scipy_counting_the_terms(extractor, sentences):
    vec = extractor.char_vec  # sublinear tf: a repeated n-gram counts 1 + log(count)
    terms = [vec.analyzer(t) for t in sentences]
    rows = np.repeat(np.arange(len(terms)), [len(t) for t in terms])
    cols = vec.vocab.positions([g for t in terms for g in t])
    known = cols >= 0
    counts = sp.csr_matrix(
        (np.ones(known.sum(), np.float32), (rows[known], cols[known])),
        shape=(len(terms), len(vec.vocab)),
    )
    counts.sum_duplicates()  # the term frequencies
    assert counts.data.max() > 1
    counts.data = (1 + np.log(counts.data)) * vec.idf[counts.indices]
    got = vec.transform(sentences)
    np.testing.assert_array_equal(got.indptr, counts.indptr)
    np.testing.assert_array_equal(got.indices, counts.indices)
    np.testing.assert_allclose(got.data, l2_normalize(counts).data, rtol=1e-6)
