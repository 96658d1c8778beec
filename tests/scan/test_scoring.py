"""The scoring and benchmark rules against hand-computed examples (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vakmanschap.scan import scoring
from vakmanschap.scan.scoring import Peer

DIMS = {
    "a": [(1, False), (2, False), (3, False), (4, False)],
    "b": [(5, False), (6, True), (7, False), (8, False), (9, False)],
}


def test_all_fives_give_100_and_all_ones_give_0_without_reverse_items():
    only_a = {"a": DIMS["a"]}
    assert scoring.respondent_scores({1: 5, 2: 5, 3: 5, 4: 5}, only_a) == {"a": 100.0}
    assert scoring.respondent_scores({1: 1, 2: 1, 3: 1, 4: 1}, only_a) == {"a": 0.0}


def test_reverse_item_counts_as_six_minus_answer():
    assert scoring.item_value(2, reverse=True) == 4
    assert scoring.item_value(5, reverse=True) == 1
    assert scoring.item_value(3, reverse=True) == 3
    # All 5s on b: four items count 5, the reverse item counts 1: mean 21/5 = 4.2 → (3.2/4)·100 = 80.
    assert scoring.respondent_scores({i: 5 for i in range(5, 10)}, {"b": DIMS["b"]}) == {"b": 80.0}
    # All 1s on b: four 1s and a reversed 5: mean 9/5 = 1.8 → 20.
    assert scoring.respondent_scores({i: 1 for i in range(5, 10)}, {"b": DIMS["b"]}) == {"b": 20.0}
    # The best answers (1 on the reverse item) give 100.
    assert scoring.respondent_scores({5: 5, 6: 1, 7: 5, 8: 5, 9: 5}, {"b": DIMS["b"]}) == {
        "b": 100.0
    }


def test_mixed_example():
    # a: 4, 2, 3, 5 → mean 3.5 → (2.5/4)·100 = 62.5
    # b: 4, 2 (reverse → 4), 3, 5, 1 → 17/5 = 3.4 → (2.4/4)·100 = 60
    answers = {1: 4, 2: 2, 3: 3, 4: 5, 5: 4, 6: 2, 7: 3, 8: 5, 9: 1}
    assert scoring.respondent_scores(answers, DIMS) == {"a": 62.5, "b": 60.0}


def test_scan_score_is_the_mean_over_respondents():
    assert scoring.combine(
        [{"a": 100.0, "b": 50.0}, {"a": 50.0, "b": 0.0}, {"a": 0.0, "b": 25.0}]
    ) == {"a": 50.0, "b": 25.0}


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_answers_outside_the_scale_are_refused(bad):
    with pytest.raises(ValueError):
        scoring.item_value(bad, reverse=False)


@given(
    st.lists(st.integers(1, 5), min_size=4, max_size=4),
    st.lists(st.integers(1, 5), min_size=5, max_size=5),
)
def test_scores_stay_within_0_and_100(a, b):
    answers = dict(zip(range(1, 10), a + b, strict=True))
    for value in scoring.respondent_scores(answers, DIMS).values():
        assert 0 <= value <= 100


@given(st.integers(1, 5))
def test_reversing_mirrors_the_scale(answer):
    assert scoring.item_value(answer, reverse=True) == scoring.item_value(6 - answer, reverse=False)


def test_respondents_rule():
    assert not scoring.should_aggregate(employee_count=3, closed=True)  # 4 in all
    assert scoring.should_aggregate(employee_count=4, closed=True)  # 5 in all
    assert not scoring.should_aggregate(employee_count=20, closed=False)  # open: never


def _peers(n, sector="C", size="10-49", base=50):
    return [Peer(sector, size, {"x": base + i}) for i in range(n)]


def test_benchmark_uses_sector_and_size_with_five_peers():
    result = scoring.benchmark("C", "10-49", ["x"], _peers(5) + _peers(3, sector="Q", base=90))
    assert result == {"group": "sector_size", "peer_count": 5, "median": {"x": 52}}


def test_benchmark_falls_back_to_the_network_with_four_peers_in_the_group():
    peers = _peers(4) + _peers(2, sector="Q", base=90)  # 6 in the network
    result = scoring.benchmark("C", "10-49", ["x"], peers)
    assert result["group"] == "network" and result["peer_count"] == 6
    assert result["median"] == {"x": round((52 + 53) / 2)}


def test_no_benchmark_with_fewer_than_five_in_the_network():
    assert scoring.benchmark("C", "10-49", ["x"], _peers(4)) is None
    assert scoring.benchmark(None, None, ["x"], _peers(4, sector=None)) is None


def test_benchmark_without_a_profile_uses_the_network_only():
    assert scoring.benchmark(None, None, ["x"], _peers(5))["group"] == "network"


def test_peers_without_every_dimension_do_not_count():
    peers = _peers(4) + [Peer("C", "10-49", {"y": 10})]
    assert scoring.benchmark("C", "10-49", ["x"], peers) is None


def test_benchmark_never_reveals_one_company():
    # Five peers: the median is shown, never a peer's identity; one outlier does not move it.
    peers = _peers(4) + [Peer("C", "10-49", {"x": 0})]
    result = scoring.benchmark("C", "10-49", ["x"], peers)
    assert result["peer_count"] == 5 and set(result) == {"group", "peer_count", "median"}
    assert result["median"]["x"] == 51


def test_weak_spots_and_strengths():
    scores = {"a": 80.0, "b": 55.0, "c": 65.0, "d": 70.0}
    strong, weak = scoring.strengths_and_weak_spots(scores, {"a": 70, "b": 50, "c": 78, "d": 55})
    assert weak == ["b", "c"]  # b the lowest; c 13 points under the median
    assert strong == ["a", "d"]  # a from 75; d 15 points over the median
    # The lowest dimension is always a point to work on, even when all are high.
    assert scoring.strengths_and_weak_spots({"a": 90.0, "b": 85.0}, None) == (["a"], ["b"])
