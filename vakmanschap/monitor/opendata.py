"""The public figures: the monitor's summary for a year with small counts suppressed and
amounts rounded (see `suppression.py`), plus the counts per quarter."""

import datetime

from . import figures, opendata_sections, suppression
from .figures import Period

COUNTS = (
    "signed_up",
    "conversations",
    "plans_approved",
    "cheques_issued",
    "started",
    "completed",
    "dropped_out",
    "in_work_6m",
    "in_work_12m",
)
GROUP_KEYS = ("signed_up", "completed")


def quarters(year: int) -> list[Period]:
    starts = [datetime.date(year, m, 1) for m in (1, 4, 7, 10)]
    ends = [s - datetime.timedelta(days=1) for s in starts[1:]] + [datetime.date(year, 12, 31)]
    return [Period(s, e) for s, e in zip(starts, ends, strict=True)]


def _by_quarter(region, year: int) -> list[dict]:
    """Sign-ups and completions (people) per quarter, in one pass over the summary rows."""
    named = {f"{year}-Q{i}": q for i, q in enumerate(quarters(year), start=1)}
    rows = figures.rows_of(region, *named.values()).filter(step__in=GROUP_KEYS)
    found = rows.per_period(named)
    return [
        {"quarter": name, **{key: found.get((key,), {}).get(name, 0) for key in GROUP_KEYS}}
        for name in named
    ]


def open_summary(region, year: int, today=None) -> dict:
    period = Period.year(year)
    data = figures.summary(region, period, today)
    totals = {key: data[key] for key in GROUP_KEYS}
    # Group totals must equal the published region totals for the secondary rule to hold.
    target_totals = {key: sum(row[key] for row in data["by_target_group"]) for key in GROUP_KEYS}
    for key in COUNTS:
        data[key] = suppression.count(data[key])
    published = suppression.rows(data["by_municipality"], GROUP_KEYS, totals)
    suppression.rows(data["by_target_group"], GROUP_KEYS, target_totals)
    by_quarter = _by_quarter(region, year)
    published_q = suppression.rows(by_quarter, GROUP_KEYS, totals)
    for key in GROUP_KEYS:
        # A total hidden in one group is hidden everywhere.
        if published[key] is None or published_q[key] is None or data[key] is None:
            data[key] = None
    data["by_quarter"] = by_quarter
    data["funnel"] = [
        {"key": step["key"], "count": suppression.count(step["count"]), "conversion": None}
        for step in data["funnel"]
    ]
    for key in ("trained_this_year", "trained_total", "forecast_this_year"):
        data[key] = suppression.count(data[key])
    outcomes = data["outcomes"]
    for months in (6, 12):
        if outcomes[f"answered_{months}m"] is not None and outcomes[f"answered_{months}m"] < 10:
            outcomes[f"in_work_{months}m_percent"] = None
            outcomes[f"target_or_related_{months}m_percent"] = None
            outcomes[f"more_hours_{months}m_percent"] = None
        outcomes[f"answered_{months}m"] = suppression.count(outcomes[f"answered_{months}m"])
    money = data["money"]
    money.pop("by_stream")  # an employer's own stream would show its contribution
    for row in money["by_funder"] + [money["totals"]]:
        for key in ("allocated", "reserved", "committed", "paid"):
            row[key] = suppression.euros(row[key])
    money["paid_in_period"] = suppression.euros(money["paid_in_period"])
    for key in ("cost_per_completed", "cost_per_placed"):
        money[key] = None  # per-person costs over small groups reveal amounts; not published
    data.update(opendata_sections.sections(region, year, data, totals["completed"]))
    data["amounts_in"] = "EUR, rounded to thousands"
    data["suppressed"] = "counts 1-9 and cells they could be derived from are null"
    return data
