"""The weight search behind the hybrid title scores: chosen on some items, scored on others."""

import numpy as np

from vakmanschap.skills_engine.title_fusion import (
    LEAD_GRID,
    best_index,
    best_weights,
    cross_validated,
    reciprocal_ranks,
    rr_table,
    subset,
)


def scores(n=40, seed=0):
    """Lexical scores put the gold second; the label cosine puts it first, the centroid last."""
    rng = np.random.default_rng(seed)
    gold = rng.integers(0, 5, n)
    lexical = rng.uniform(0, 0.5, (n, 5)).astype(np.float32)
    lexical[np.arange(n), gold] = 0.9
    lexical[np.arange(n), (gold + 1) % 5] = 1.0
    label = np.zeros((n, 5), np.float32)
    label[np.arange(n), gold] = 0.8
    centroid = np.zeros((n, 5), np.float32)
    centroid[np.arange(n), (gold + 2) % 5] = 0.8
    # the description helps like the label cosine; the skills cosine is noise that never helps
    description = label * 0.5
    skills = np.zeros((n, 5), np.float32)
    skills[np.arange(n), (gold + 3) % 5] = 0.8
    return {
        "lexical": lexical,
        "label": label,
        "centroid": centroid,
        "description": description,
        "skills": skills,
        "gold": gold,
    }


def test_reciprocal_rank_counts_the_gold_and_misses_an_absent_one():
    f = scores(4)
    assert np.allclose(reciprocal_ranks(f, (0, 0, 0, 0), 10), 0.5)
    assert np.allclose(reciprocal_ranks(f, (1.0, 0, 0, 0), 10), 1.0)
    assert np.allclose(reciprocal_ranks(f, (0, 0, 1.0, 0), 10), 1.0)
    assert np.allclose(reciprocal_ranks(f, (0, 0, 0, 0), 1), 0.0)  # rank 2 is outside the top 1
    f["gold"][0] = -1  # gold occupation not in the snapshot
    assert reciprocal_ranks(f, (1.0, 0, 0, 0), 10)[0] == 0.0


GRID = [(a, b, c, d) for a in (0, 1) for b in (0, 1) for c in (0, 0.5) for d in (0, 1)]


def test_the_search_takes_the_helpful_score_and_leaves_the_harmful_one():
    label, centroid, description, skills = best_weights([scores()], 10, GRID)
    assert (label > 0 or description > 0) and centroid == 0 and skills == 0


def test_cross_validation_scores_each_fold_with_weights_from_the_others():
    f = scores(60)
    folds = [subset(f, np.arange(60) % 3 == i) for i in range(3)]
    assert cross_validated(folds, 10, GRID) == 1.0
    # with only unhelpful scores to choose from, the lexical ranking (gold second) is kept
    no_help = {**f, "label": f["centroid"], "description": f["skills"]}
    folds = [subset(no_help, np.arange(60) % 3 == i) for i in range(3)]
    assert cross_validated(folds, 10, GRID) == 0.5


def test_the_lead_part_weight_is_chosen_when_the_lead_part_helps():
    f = scores(30)
    # the whole title (``lexical``) puts the gold second, its lead part (``label``) first
    lead = {**f, "label": f["label"] * 0.25}
    chosen = LEAD_GRID[best_index([rr_table(lead, 10, LEAD_GRID)], LEAD_GRID)][0]
    assert chosen > 0
    # a lead part that points elsewhere is left out
    lead["label"] = f["skills"]
    assert LEAD_GRID[best_index([rr_table(lead, 10, LEAD_GRID)], LEAD_GRID)][0] == 0.0
