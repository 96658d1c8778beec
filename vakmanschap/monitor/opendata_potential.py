"""Open data of the reach against the untapped labour potential, per municipality, for a year.

The people reached per municipality and target group form a table whose rows, with the
municipality's other sign-ups, add up to the municipality's published sign-ups, and whose
columns add up to the published target groups: it is suppressed as a table
(`suppression.table`), so that no count of 1–9 shows in a cell, nor in what a row or a column
leaves over. A municipality's total reached is published only when its three groups are.
The potential itself (CBS figures) is published with its counts of 1–9 hidden; the rate per
1,000 only where every number it is made of is published.
"""

from . import suppression
from .figures import Period, tally
from .potential import GROUPS, against_reach

COLUMNS = (*GROUPS, "other")


def _per_thousand(reached, potential: dict | None):
    if reached is None or not potential or any(potential[g] is None for g in GROUPS):
        return None
    base = sum(potential[g] for g in GROUPS)
    return round(1000 * reached / base, 1) if base else None


def labour_potential(region, year: int, published: dict) -> list[dict]:
    """`published`: the year's open summary, already suppressed (its sign-ups per
    municipality and in total are the table's row totals and grand total)."""
    period = Period.year(year)
    reach = against_reach(region, period)
    signed_up = tally(region, period).people_by("signed_up", "municipality_code")
    shown_signed_up = {row["code"]: row["signed_up"] for row in published["by_municipality"]}
    cells = [
        [r.reached[g] for g in GROUPS] + [signed_up.get(r.code, 0) - r.reached["total"]]
        for r in reach
    ]
    if any(row[-1] < 0 for row in cells):  # the two counts disagree: publish no reach at all
        shown = [[None] * len(COLUMNS) for _row in cells]
    else:
        shown, _totals = suppression.table(
            cells, [shown_signed_up.get(r.code) for r in reach], published["signed_up"]
        )
    out = []
    for r, row in zip(reach, shown, strict=True):
        groups = dict(zip(GROUPS, row, strict=False))
        total = None if None in groups.values() else sum(groups.values())
        potential = (
            {key: suppression.count(value) for key, value in r.potential.items()}
            if r.potential
            else None
        )
        out.append(
            {
                "code": r.code,
                "name": r.name,
                "year": r.year,
                "potential": potential,
                "reached": {**groups, "total": total},
                "reached_per_thousand": _per_thousand(total, potential),
            }
        )
    return out
