"""The occupation prior for English job titles: counted on the dev half only, added to English
titles, never to Dutch ones."""

import csv
import hashlib

import numpy as np

from tests.conftest import shared_data
from vakmanschap.skills_engine.embeddings import EncoderConfig
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.title_prior import (
    PRIOR_FILE,
    PRIOR_FILE_SHA256,
    dev_counts,
    occupation_prior,
    read_counts,
    title_half,
)

from .test_engine_synthetic import make_snapshot


def test_the_prior_grows_with_the_count_and_is_zero_for_an_occupation_never_seen():
    prior = occupation_prior(["a", "b", "c"], {"a": 10, "b": 1}, smoothing=1.0)
    assert prior[2] == 0.0
    assert prior[0] > prior[1] > 0
    assert np.allclose(prior[:2], np.log([11, 2]))


def test_a_missing_counts_file_means_no_prior(tmp_path):
    assert read_counts(tmp_path / "missing.csv") == {}


def test_the_halves_are_fixed_by_the_title_alone():
    assert title_half("Sales Executive") == title_half("  sales executive ")
    halves = {title_half(f"title {i}") for i in range(50)}
    assert halves == {"dev", "held-out"}


def test_only_dev_half_titles_are_counted(tmp_path):
    dev = next(f"dev title {i}" for i in range(99) if title_half(f"dev title {i}") == "dev")
    held = next(f"held {i}" for i in range(99) if title_half(f"held {i}") == "held-out")
    path = tmp_path / "titles.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["", "vacancyTitle", "conceptUri"])
        w.writerows([[0, dev, "urn:a"], [1, dev.upper(), "urn:a"], [2, held, "urn:b"]])
    assert dev_counts(path) == {"urn:a": 2}


def test_the_shipped_file_is_the_one_the_code_names():
    assert hashlib.sha256(PRIOR_FILE.read_bytes()).hexdigest()[:16] == PRIOR_FILE_SHA256


def test_the_shipped_file_counts_the_dev_half_of_the_validation_titles_and_nothing_else():
    titles = shared_data("eval", "jobtitles", "titles.validation.csv")
    assert read_counts(PRIOR_FILE) == dict(dev_counts(titles))


def prior_engine(tmp_path, weight):
    counts = tmp_path / "counts.csv"
    counts.write_text("conceptUri,count\nurn:occ:pipe-welder,1000\n", encoding="utf-8")
    config = EncoderConfig(prior_weight=weight, prior_file=str(counts))
    return SkillsEngine.build(
        make_snapshot(),
        tmp_path / f"cache-{weight}",
        EngineConfig(precompute_matrix=False, title_encoder=config),
    )


def top(engine, title):
    return engine.match_titles([title], k=1)[0][0][0]


def test_the_prior_moves_english_titles_to_frequent_occupations_but_not_dutch_ones(tmp_path):
    plain, with_prior = prior_engine(tmp_path, 0.0), prior_engine(tmp_path, 0.2)
    assert top(plain, "welder") == "urn:occ:welder"
    assert top(with_prior, "welder") == "urn:occ:pipe-welder"
    # Dutch titles are left alone: the prior counts English vacancy titles.
    assert top(plain, "lasser") == top(with_prior, "lasser") == "urn:occ:welder"
    scores = [s for _, _, s in with_prior.match_titles(["lasser"], k=5)[0]]
    assert scores == [s for _, _, s in plain.match_titles(["lasser"], k=5)[0]]
