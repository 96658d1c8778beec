"""Label vectors as int8 rows with a scale per row (int8_rows.py)."""

import pickle

import numpy as np

from vakmanschap.skills_engine.int8_rows import Int8Rows


def unit_rows(n, dim=512, seed=0):
    m = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_cosines_stay_within_a_few_ten_thousandths_of_float32():
    matrix, queries = unit_rows(2000), unit_rows(20, seed=1)
    rows = Int8Rows(matrix)
    assert rows.codes.dtype == np.int8 and rows.codes.nbytes == matrix.nbytes // 4
    exact = queries @ matrix.T
    error = np.abs(rows.products(queries) - exact)
    assert error.mean() < 5e-4 and error.max() < 2.5e-3
    picked = np.array([5, 1999, 0, 5])
    np.testing.assert_allclose(rows.dot(picked, queries[3]), exact[3, picked], atol=2.5e-3)
    np.testing.assert_allclose(rows.rows(picked), matrix[picked], atol=2e-3)


def test_products_of_more_rows_than_one_chunk_equal_the_row_by_row_dots():
    rows = Int8Rows(unit_rows(9000, dim=16))
    query = unit_rows(1, dim=16, seed=2)[0]
    np.testing.assert_allclose(
        rows.products(query[None])[0], rows.dot(np.arange(9000), query), rtol=1e-6, atol=1e-7
    )


def test_a_zero_row_and_an_empty_matrix():
    rows = Int8Rows(np.zeros((2, 4), np.float32))
    assert not rows.codes.any() and (rows.scale == 1).all()
    assert rows.dot(np.array([0, 1]), np.ones(4, np.float32)).tolist() == [0.0, 0.0]
    empty = Int8Rows(np.zeros((0, 4), np.float32))
    assert len(empty) == 0 and empty.products(np.ones((3, 4), np.float32)).shape == (3, 0)


def test_a_pickle_keeps_the_codes_and_scales():
    rows = Int8Rows(unit_rows(10))
    again = pickle.loads(pickle.dumps(rows))
    np.testing.assert_array_equal(again.codes, rows.codes)
    np.testing.assert_array_equal(again.scale, rows.scale)
