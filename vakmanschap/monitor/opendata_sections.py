"""The monitor's newer sections as open data, for a year: shortages per sector, the network,
broad welfare and well-being at work (and the reach against the labour potential,
`opendata_potential.py`). The same rule as `opendata.py`: no count of 1–9, nor one
that could be worked out from a published total.

- Shortages: people trained per sector of the shortage list, plus "other occupations", a group
  whose total is the year's published completions (so the rest cannot be subtracted out). When
  people trained towards two occupations make the group exceed that total, the group is hidden.
  Vacancy counts are primary-suppressed (they are not people, but one vacancy names an employer).
- Network: the counts suppressed; scores per sector only for groups of 5 companies or more (as on
  the monitor), with the number of companies suppressed like any count.
- Broad welfare: the imported marks are published figures already; well-being at work keeps the
  monitor's thresholds (5 companies, 10 answers), with its counts suppressed.
"""

from . import suppression, welfare
from .figures import Period
from .network_figures import network
from .opendata_potential import labour_potential
from .shortages import by_occupation

SHORTAGE_KEYS = ("trained",)


def _shortages(region, period, completed: int, completed_published) -> dict:
    data = by_occupation(region, period)
    rows = [
        {
            "sector": row["sector"],
            "trained": row["trained"],
            "vacancies": suppression.count(row["vacancies"]),
            "learning_work_places": suppression.count(row["learning_work_places"]),
        }
        for row in data["sectors"]
    ]
    other = completed - sum(row["trained"] for row in rows)
    if other < 0 or completed_published is None:
        for row in rows:
            row["trained"] = None
        return {"by_sector": rows, "other_occupations": None}
    group = rows + [{"sector": "", "trained": other}]
    suppression.rows(group, SHORTAGE_KEYS, {"trained": completed})
    return {"by_sector": rows, "other_occupations": group[-1]["trained"]}


def _network(region, period) -> dict:
    data = network(region, period)
    for key in ("members", "pledges", "scans"):
        data[key] = suppression.count(data[key])
    for row in data["by_sector"] + [data["region"]]:
        row["companies"] = suppression.count(row["companies"])
        row.pop("cells", None)
    return data


def _marks(region, period) -> list[dict]:
    return [
        {
            **source,
            "label": str(source["label"]),
            "dimensions": [
                {
                    **d,
                    "label": str(d["label"]),
                    "marks": [None if m is None else float(m) for m in d["marks"]],
                }
                for d in source["dimensions"]
            ],
        }
        for source in welfare.marks(region, period)
    ]


def sections(region, year: int, published: dict, completed: int) -> dict:
    """`published` is the year's open summary (already suppressed), `completed` its count of
    completions before suppression; the shortage group adds up to it."""
    period = Period.year(year)
    being = welfare.well_being(region, period)
    for key in ("scan_companies", "follow_up_answers"):
        being[key] = suppression.count(being[key])
    return {
        "labour_potential": labour_potential(region, year, published),
        "shortages": _shortages(region, period, completed, published.get("completed")),
        "network": _network(region, period),
        "broad_welfare": _marks(region, period),
        "well_being": being,
    }
