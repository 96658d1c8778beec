"""The monitor's figures for one labour-market region and period, read from the summary tables
(`models.py`, refreshed daily by `summary_tables.py`).

People are counted once per step (distinct participants), each step on its own date: signed up
(sign-up date), conversation (a held conversation), plan approved (decision date, with cheques
issued), started and completed (the cheque's start and finish), in work at 6 and 12 months (the
follow-up answers given in the period). A participant belongs to the region of their
municipality. Money is the region's funding streams' ledger, summed up to the period's end.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum

from vakmanschap.funding.ledger import Balances
from vakmanschap.funding.models import FundingStream
from vakmanschap.people.choices import TARGET_GROUPS, WorkSituation
from vakmanschap.region.models import LabourMarketRegion

from . import summary_tables
from .filters import NONE, Filters
from .models import LedgerDay, PersonStep

FUNNEL = (
    "signed_up",
    "conversations",
    "plans_approved",
    "started",
    "completed",
    "in_work_6m",
    "in_work_12m",
)


# The summary table's steps (`summary_tables.person_step_sources`).
STEPS = (
    "signed_up",
    "conversation",
    "plan_approved",
    "cheque_issued",
    "started",
    "completed",
    "dropped_out",
    "answered_6m",
    "in_work_6m",
    "target_6m",
    "answered_12m",
    "in_work_12m",
    "target_12m",
)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _steps(region, filters: Filters = NONE, on_date=None):
    """The region's rows of the summary table, narrowed by the filters."""
    summary_tables.ensure_fresh()
    qs = PersonStep.objects.filter(region=region)
    return filters.steps(qs, region, on_date) if filters.active else qs


def _tally(region, period: Period, filters: Filters = NONE) -> dict[str, dict]:
    """Per step in the period: distinct people, records, and days waited (started)."""
    rows = (
        _steps(region, filters, period.end)
        .filter(day__gte=period.start, day__lte=period.end)
        .values("step")
        .annotate(
            people=Count("participant", distinct=True), records=Sum("records"), waited=Sum("waited")
        )
    )
    empty = {"people": 0, "records": 0, "waited": None}
    tally = {row["step"]: row for row in rows}
    return {step: tally.get(step, empty) for step in STEPS}


def _counts_from(tally: dict[str, dict]) -> dict[str, int]:
    people = {step: row["people"] for step, row in tally.items()}
    return {
        "signed_up": people["signed_up"],
        "conversations": people["conversation"],
        "plans_approved": people["plan_approved"],
        "cheques_issued": tally["cheque_issued"]["records"],
        "started": people["started"],
        "completed": people["completed"],
        "dropped_out": people["dropped_out"],
        "in_work_6m": people["in_work_6m"],
        "in_work_12m": people["in_work_12m"],
    }


def counts(region, period: Period, filters: Filters = NONE) -> dict[str, int]:
    return _counts_from(_tally(region, period, filters))


def funnel(figures: dict[str, int]) -> list[dict]:
    """Each step with its count and its conversion from the step before (None for the first)."""
    steps, previous = [], None
    for key in FUNNEL:
        value = figures[key]
        conversion = None if previous in (None, 0) else round(100 * value / previous)
        steps.append({"key": key, "count": value, "conversion": conversion})
        previous = value
    return steps


def _percent(part: int, whole: int):
    return round(100 * part / whole) if whole else None


def outcomes(region, period: Period, filters: Filters = NONE, tally=None) -> dict:
    tally = tally or _tally(region, period, filters)
    completed, dropped = tally["completed"]["records"], tally["dropped_out"]["records"]
    result = {"completion_rate": _percent(completed, completed + dropped)}
    for months in (6, 12):
        n = tally[f"answered_{months}m"]["records"]
        result[f"answered_{months}m"] = n
        result[f"in_work_{months}m_percent"] = _percent(tally[f"in_work_{months}m"]["records"], n)
        result[f"target_or_related_{months}m_percent"] = _percent(
            tally[f"target_{months}m"]["records"], n
        )
    started = tally["started"]
    waited = started["waited"]
    result["days_signup_to_start"] = (
        round(waited.days / started["records"])
        if started["records"] and waited is not None
        else None
    )
    return result


def goals(region: LabourMarketRegion, period: Period, today=None, filters=NONE) -> dict:
    """People trained (completed) in the year of the period's end and in total, against the
    region's targets, with the forecast for the year at the current pace."""
    today = today or datetime.date.today()
    year = period.end.year
    year_period = Period.year(year)
    this_year = _people_at(
        region, Period(year_period.start, min(period.end, year_period.end)), "completed", filters
    )
    total = _people_at(region, Period(datetime.date(2000, 1, 1), period.end), "completed", filters)
    last_day = min(period.end, today, year_period.end)
    elapsed = (last_day - year_period.start).days + 1
    days_in_year = (year_period.end - year_period.start).days + 1
    forecast = round(this_year * days_in_year / elapsed) if elapsed > 0 else this_year
    return {
        "year": year,
        "goal_per_year": region.goal_per_year,
        "goal_total": region.goal_total,
        "trained_this_year": this_year,
        "trained_total": total,
        "forecast_this_year": forecast,
    }


def _people_at(region, period: Period, step: str, filters: Filters = NONE) -> int:
    return (
        _steps(region, filters, period.end)
        .filter(step=step, day__gte=period.start, day__lte=period.end)
        .aggregate(n=Count("participant", distinct=True))["n"]
    )


def _per_group(region, period: Period, filters: Filters, field: str) -> dict[str, dict]:
    """Signed up and completed (distinct people) per value of `field`."""
    rows = (
        _steps(region, filters, period.end)
        .filter(step__in=["signed_up", "completed"], day__gte=period.start, day__lte=period.end)
        .values_list("step", field)
        .annotate(n=Count("participant", distinct=True))
    )
    groups: dict[str, dict] = {"signed_up": {}, "completed": {}}
    for step, key, n in rows:
        groups[step][key] = n
    return groups


def by_municipality(region, period: Period, filters: Filters = NONE) -> list[dict]:
    groups = _per_group(region, period, filters, "municipality_code")
    return [
        {
            "code": m.cbs_code,
            "name": m.name,
            "signed_up": groups["signed_up"].get(m.cbs_code, 0),
            "completed": groups["completed"].get(m.cbs_code, 0),
        }
        for m in region.municipalities.order_by("name")
        if not filters.municipality or m.cbs_code == filters.municipality
    ]


def by_target_group(region, period: Period, filters: Filters = NONE) -> list[dict]:
    groups = [g for g in WorkSituation if g in TARGET_GROUPS]
    found = _per_group(region, period, filters, "work_situation")
    signed, completed = found["signed_up"], found["completed"]
    rows = [
        {
            "key": g.value,
            "label": str(g.label),
            "signed_up": signed.get(g.value, 0),
            "completed": completed.get(g.value, 0),
        }
        for g in groups
    ]
    rows.append(
        {
            "key": "other",
            "label": "",
            "signed_up": sum(n for k, n in signed.items() if k not in TARGET_GROUPS),
            "completed": sum(n for k, n in completed.items() if k not in TARGET_GROUPS),
        }
    )
    return rows


def money(region, period: Period, completed: int, placed: int) -> dict:
    """Per funding stream and funder kind: allocated, reserved, committed and paid (cents) as
    of the period's end; cost per completed and per placed participant from what was paid in
    the period (paid minus recovered)."""
    streams = {s.pk: s for s in FundingStream.objects.filter(region=region)}
    sums: dict[int, dict[str, int]] = {pk: {} for pk in streams}
    summary_tables.ensure_fresh()
    days = LedgerDay.objects.filter(stream__in=streams)
    for stream_id, kind, total in (
        days.filter(day__lte=period.end)
        .values_list("stream", "kind")
        .annotate(total=Sum("amount_cents"))
    ):
        sums[stream_id][kind] = total
    rows, totals = [], dict.fromkeys(("allocated", "reserved", "committed", "paid"), 0)
    by_funder: dict[str, dict[str, int]] = {}
    for pk, stream in sorted(streams.items(), key=lambda kv: kv[1].name):
        b = Balances.from_sums(sums[pk])
        row = {
            "stream": stream.name,
            "funder": stream.funder_kind,
            "allocated": b.allocated,
            "reserved": b.reserved,
            "committed": b.committed,
            "paid": b.paid - b.recovered,
        }
        rows.append(row)
        funder = by_funder.setdefault(stream.funder_kind, dict.fromkeys(totals, 0))
        for key in totals:
            totals[key] += row[key]
            funder[key] += row[key]
    paid_in_period = dict(
        days.filter(kind__in=["pay", "recover"], day__gte=period.start, day__lte=period.end)
        .values_list("kind")
        .annotate(total=Sum("amount_cents"))
    )
    spent = paid_in_period.get("pay", 0) - paid_in_period.get("recover", 0)
    return {
        "by_stream": rows,
        "by_funder": [{"funder": k, **v} for k, v in sorted(by_funder.items())],
        "totals": totals,
        "paid_in_period": spent,
        "cost_per_completed": round(spent / completed) if completed else None,
        "cost_per_placed": round(spent / placed) if placed else None,
    }


def summary(
    region: LabourMarketRegion, period: Period, today=None, filters: Filters = NONE
) -> dict:
    """Everything the monitor page, the API and (after suppression) the open data show. The
    filters narrow every count of people; money is the region's, whoever it was spent on."""
    tally = _tally(region, period, filters)
    figures = _counts_from(tally)
    data = {
        "region": {"code": region.code, "name": region.name},
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        **figures,
        "filters": filters.as_dict(),
        **goals(region, period, today, filters),
        "funnel": funnel(figures),
        "outcomes": outcomes(region, period, filters, tally),
        "by_municipality": by_municipality(region, period, filters),
        "by_target_group": by_target_group(region, period, filters),
        "money": money(region, period, figures["completed"], figures["in_work_6m"]),
    }
    if filters.active:  # the region's spending over a subgroup's count would mislead
        data["money"]["cost_per_completed"] = data["money"]["cost_per_placed"] = None
    return data
