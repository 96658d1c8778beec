"""Scoring and benchmark rules, as plain functions (no database), so they are easy to test.

- An answer is 1–5 (strongly disagree … strongly agree). A reverse-scored item counts as 6 − answer.
- A respondent's dimension score is the mean of their (reversed where marked) answers on its
  items, rescaled to 0–100: (mean − 1) / 4 × 100. All 5s give 100, all 1s give 0.
- A scan's score for a dimension is the mean of its respondents' dimension scores.
- Benchmark: the median, per dimension, of the latest scores of OTHER companies — those in the
  same SBI sector and size class when there are at least 5 of them, otherwise of the whole
  network when there are at least 5 others there; otherwise none. Medians are rounded to whole
  numbers and only the group and the peer count are shown, never a company.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import mean, median

MIN_PEERS = 5
MIN_RESPONDENTS = 5
SCALE_MIN, SCALE_MAX = 1, 5
WEAK_BELOW = 50
STRONG_FROM = 75
NOTABLE_GAP = 10


def item_value(answer: int, reverse: bool) -> int:
    if not SCALE_MIN <= answer <= SCALE_MAX:
        raise ValueError(f"answer {answer} is outside {SCALE_MIN}..{SCALE_MAX}")
    return (SCALE_MAX + SCALE_MIN - answer) if reverse else answer


def rescale(mean_value: float) -> float:
    return (mean_value - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100


def respondent_scores(
    answers: Mapping[int, int], dimensions: Mapping[str, Iterable[tuple[int, bool]]]
) -> dict[str, float]:
    """One respondent: {dimension key: 0..100}. `dimensions` maps a key to (item id, reverse)."""
    scores = {}
    for key, items in dimensions.items():
        values = [
            item_value(answers[item_id], reverse)
            for item_id, reverse in items
            if item_id in answers
        ]
        if values:
            scores[key] = round(rescale(mean(values)), 1)
    return scores


def combine(per_respondent: list[Mapping[str, float]]) -> dict[str, float]:
    """Mean over respondents, per dimension."""
    keys = {k for scores in per_respondent for k in scores}
    return {k: round(mean(s[k] for s in per_respondent if k in s), 1) for k in sorted(keys)}


def should_aggregate(employee_count: int, closed: bool) -> bool:
    """Aggregate over everyone only once the scan is closed (so the figure cannot be watched
    changing as each person answers) and at least MIN_RESPONDENTS people responded in all."""
    return closed and employee_count + 1 >= MIN_RESPONDENTS


@dataclass(frozen=True)
class Peer:
    sector: str | None
    size_class: str | None
    scores: Mapping[str, float]


def benchmark(
    own_sector: str | None, own_size: str | None, keys: Iterable[str], peers: list[Peer]
) -> dict | None:
    """{"group": "sector_size" | "network", "peer_count", "median": {key: int}} or None.

    `peers` are the OTHER companies (never the company itself), each with its latest scores.
    """
    keys = list(keys)
    comparable = [p for p in peers if all(k in p.scores for k in keys)]
    groups = []
    if own_sector and own_size:
        groups.append(
            (
                "sector_size",
                [p for p in comparable if p.sector == own_sector and p.size_class == own_size],
            )
        )
    groups.append(("network", comparable))
    for name, members in groups:
        if len(members) >= MIN_PEERS:
            return {
                "group": name,
                "peer_count": len(members),
                "median": {k: round(median(p.scores[k] for p in members)) for k in keys},
            }
    return None


def strengths_and_weak_spots(
    scores: Mapping[str, float], median_scores: Mapping[str, float] | None
):
    """Weak spots: below WEAK_BELOW (50), or NOTABLE_GAP under the benchmark, and always the lowest.
    Strengths: from STRONG_FROM, or NOTABLE_GAP above the benchmark (and not weak)."""
    if not scores:
        return [], []
    median_scores = median_scores or {}
    lowest = min(scores, key=lambda k: (scores[k], k))
    weak = [
        k
        for k in scores
        if scores[k] < WEAK_BELOW
        or (k in median_scores and median_scores[k] - scores[k] >= NOTABLE_GAP)
        or k == lowest
    ]
    strong = [
        k
        for k in scores
        if k not in weak
        and (
            scores[k] >= STRONG_FROM
            or (k in median_scores and scores[k] - median_scores[k] >= NOTABLE_GAP)
        )
    ]
    weak.sort(key=lambda k: scores[k])
    strong.sort(key=lambda k: -scores[k])
    return strong, weak
