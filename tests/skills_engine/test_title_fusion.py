"""The weight search behind the hybrid title scores: chosen on some items, scored on others."""

import numpy as np

from vakmanschap.skills_engine.title_fusion import (
    best_weights,
    cross_validated,
    markdown,
    mean_rr,
    reciprocal_ranks,
    report,
    subset,
    with_prior,
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
    english = np.ones(n, np.float32)
    return {
        "lexical": lexical,
        "label": label,
        "centroid": centroid,
        "gold": gold,
        "english": english,
    }


def test_reciprocal_rank_counts_the_gold_and_misses_an_absent_one():
    f = scores(4)
    assert np.allclose(reciprocal_ranks(f, (0.0, 0.0), 10), 0.5)
    assert np.allclose(reciprocal_ranks(f, (1.0, 0.0), 10), 1.0)
    assert np.allclose(reciprocal_ranks(f, (0.0, 0.0), 1), 0.0)  # rank 2 is outside the top 1
    f["gold"][0] = -1  # gold occupation not in the snapshot
    assert reciprocal_ranks(f, (1.0, 0.0), 10)[0] == 0.0


def test_the_search_takes_the_helpful_score_and_leaves_the_harmful_one():
    a, b, c = best_weights([scores()], 10)
    assert a > 0 and b == 0 and c == 0  # no prior in these items: its weight stays 0


def test_cross_validation_scores_each_fold_with_weights_from_the_others():
    f = scores(60)
    folds = [subset(f, np.arange(60) % 3 == i) for i in range(3)]
    assert cross_validated(folds, 10) == 1.0
    # with only unhelpful scores to choose from, the lexical ranking (gold second) is kept
    no_help = {**f, "label": f["centroid"]}
    folds = [subset(no_help, np.arange(60) % 3 == i) for i in range(3)]
    assert cross_validated(folds, 10) == 0.5


def skewed(n=60):
    """No score helps; the gold is occupation 1 for most titles, which a prior can learn."""
    f = scores(n)
    f["label"] = f["centroid"]
    f["gold"] = np.where(np.arange(n) % 6 == 0, 3, 1)
    f["lexical"][:] = 0.5
    f["lexical"][np.arange(n), 0] = 0.6  # lexically, occupation 0 always wins
    return f


def test_the_prior_counts_the_gold_of_the_folds_given_and_nothing_else():
    f = skewed()
    folds = [subset(f, np.arange(60) % 3 == i) for i in range(3)]
    prior = with_prior(folds[0], folds[1:], smoothing=1.0)["prior"]
    counts = np.bincount(np.concatenate([g["gold"] for g in folds[1:]]), minlength=5)
    assert np.allclose(prior, np.log1p(counts))


def test_cross_validation_learns_the_prior_on_the_training_folds_only():
    f = skewed()
    folds = [subset(f, np.arange(60) % 3 == i) for i in range(3)]
    assert cross_validated(folds, 10) < 0.6  # without a prior occupation 0 stays first
    # With the prior the frequent occupation comes first: 5 of 6 titles at rank 1.
    assert cross_validated(folds, 10, smoothing=1.0) > 0.8


def test_the_report_scores_the_prior_on_english_titles_and_keeps_it_off_dutch_ones():
    f = skewed(100)
    dev = np.arange(100) < 60
    en = {
        "dev": subset(f, dev),
        "held-out": subset(f, ~dev),
        "folds": [subset(f, dev & (np.arange(100) % 5 == i)) for i in range(5)],
        "k": 100,
    }
    # Dutch titles (not "english" to the gate) with a prior that points the wrong way.
    g = {**skewed(40), "english": np.zeros(40, np.float32), "prior": np.log1p([0, 0, 50, 0, 0])}
    nl = {"folds": [subset(g, np.arange(40) % 2 == i) for i in (0, 1)], "k": 10}
    nl["held-out"] = subset(g, np.arange(40) < 20)
    result = report(en, nl)
    assert result["weights"][2] > 0
    assert result["English"]["prior dev CV"] > result["English"]["hybrid dev CV"]
    assert result["English"]["prior held-out"] > result["English"]["hybrid held-out"]
    a, b, _ = result["weights"]  # the prior leaves the Dutch titles as they were
    assert result["Dutch"]["prior held-out"] == mean_rr([nl["held-out"]], (a, b, 0.0), 10)
    assert "prior weight" in markdown(result)
