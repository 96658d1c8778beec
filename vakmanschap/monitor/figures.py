"""The monitor's figures for one labour-market region and period, read from the summary tables
(`models.py`, refreshed daily by `summary_tables.py`).

People are counted once per step (distinct participants), each step on its own date: signed up
(sign-up date), conversation (a held conversation), plan approved (decision date, with cheques
issued), started and completed (the cheque's start and finish), in work, in the target or a
related occupation and working more hours at 6 and 12 months (the follow-up answers given in the
period). A participant belongs to the region of their municipality. Money is the region's
funding streams' ledger, summed up to the period's end.
"""

import datetime
from dataclasses import dataclass, replace

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from vakmanschap.funding.ledger import Balances
from vakmanschap.funding.models import FundingStream
from vakmanschap.people.choices import TARGET_GROUPS, WorkSituation
from vakmanschap.region.models import LabourMarketRegion

from . import summary_tables
from .filters import NONE, Filters
from .models import LedgerDay, MonthStep, PersonStep

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
    "more_hours_6m",
    "answered_12m",
    "in_work_12m",
    "target_12m",
    "more_hours_12m",
)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


# Filters on dimensions the month table keeps; the others need a person's rows.
MONTHLY_FILTERS = {"municipality", "target_group"}


def _whole_months(period: Period) -> bool:
    return period.start.day == 1 and (period.end + datetime.timedelta(days=1)).day == 1


@dataclass(frozen=True)
class Rows:
    """Summary rows to count people from: each person's days (`PersonStep`) or, when every
    period asked about is made of whole months, their sums per month (`MonthStep`). A period
    counts a person once, on the row whose previous day (month) lies before the period."""

    qs: QuerySet
    monthly: bool

    def filter(self, *args, **kwargs) -> "Rows":
        return replace(self, qs=self.qs.filter(*args, **kwargs))

    def within(self, period: Period) -> Q:
        day = "month" if self.monthly else "day"
        return Q(**{f"{day}__gte": period.start, f"{day}__lte": period.end})

    def first_in(self, period: Period) -> Q:
        previous = "previous_month" if self.monthly else "previous_day"
        return self.within(period) & (
            Q(**{f"{previous}__isnull": True}) | Q(**{f"{previous}__lt": period.start})
        )

    def people(self, period: Period):
        """An aggregate: the people (counted once) in the period."""
        if self.monthly:
            return Coalesce(Sum("people", filter=self.first_in(period)), 0)
        return Count("pk", filter=self.first_in(period))

    def spanning(self, *periods: Period):
        return self.qs.filter(
            self.within(Period(min(p.start for p in periods), max(p.end for p in periods)))
        )

    def per_period(self, periods: dict[str, Period], group: tuple = ("step",)) -> dict:
        """{(group values): {name: people in periods[name]}}, in one grouped pass."""
        rows = (
            self.spanning(*periods.values())
            .values_list(*group)
            .annotate(**{name: self.people(p) for name, p in periods.items()})
        )
        n = len(group)
        return {tuple(row[:n]): dict(zip(periods, row[n:], strict=True)) for row in rows}


def rows_of(region, *periods: Period, filters: Filters = NONE) -> Rows:
    """The region's summary rows for counting in the periods, narrowed by the filters (an age
    band is the age on the last period's end)."""
    summary_tables.ensure_fresh()
    monthly = all(_whole_months(p) for p in periods) and set(filters.as_dict()) <= MONTHLY_FILTERS
    qs = (MonthStep if monthly else PersonStep).objects.filter(region=region)
    if filters.active:
        qs = filters.steps(qs, region, max(p.end for p in periods))
    return Rows(qs, monthly)


@dataclass
class Tally:
    """The summary rows of a period in one grouped pass: per step, municipality and work
    situation the people (counted once), records and days waited; per step the people who
    completed this year (the goal's year: 1 January up to the period's end)."""

    rows: list[dict]

    def step(self, step: str) -> dict:
        mine = [r for r in self.rows if r["step"] == step]
        waited = [r["waited"] for r in mine if r["waited"] is not None]
        return {
            "people": sum(r["in_period"] for r in mine),
            "records": sum(r["records"] or 0 for r in mine),
            "waited": sum(waited, datetime.timedelta()) if waited else None,
            "this_year": sum(r["this_year"] for r in mine),
        }

    def people_by(self, step: str, field: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.rows:
            if r["step"] == step:
                out[r[field]] = out.get(r[field], 0) + r["in_period"]
        return out

    def __getitem__(self, step: str) -> dict:
        return self.step(step)


def _year_start(period: Period) -> datetime.date:
    return datetime.date(period.end.year, 1, 1)


def tally(region, period: Period, filters: Filters = NONE) -> Tally:
    year = Period(_year_start(period), period.end)
    rows = rows_of(region, period, year, filters=filters)
    inside = rows.within(period)
    counted = (
        rows.spanning(period, year)
        .values("step", "municipality_code", "work_situation")
        .annotate(
            # Named apart from the month table's own `people` column.
            in_period=rows.people(period),
            records=Sum("records", filter=inside),
            waited=Sum("waited", filter=inside),
            this_year=rows.people(year),
        )
    )
    return Tally(list(counted))


def _counts_from(tally: Tally) -> dict[str, int]:
    people = {step: tally[step]["people"] for step in STEPS}
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
    return _counts_from(tally(region, period, filters))


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


def outcomes(tally: Tally) -> dict:
    completed, dropped = tally["completed"]["records"], tally["dropped_out"]["records"]
    result = {"completion_rate": _percent(completed, completed + dropped)}
    for months in (6, 12):
        n = tally[f"answered_{months}m"]["records"]
        result[f"answered_{months}m"] = n
        result[f"in_work_{months}m_percent"] = _percent(tally[f"in_work_{months}m"]["records"], n)
        result[f"target_or_related_{months}m_percent"] = _percent(
            tally[f"target_{months}m"]["records"], n
        )
        result[f"more_hours_{months}m_percent"] = _percent(
            tally[f"more_hours_{months}m"]["records"], n
        )
    started = tally["started"]
    waited = started["waited"]
    result["days_signup_to_start"] = (
        round(waited.days / started["records"])
        if started["records"] and waited is not None
        else None
    )
    return result


def goals(region: LabourMarketRegion, period: Period, tally: Tally, today=None, filters=NONE):
    """People trained (completed) in the year of the period's end and in total, against the
    region's targets, with the forecast for the year at the current pace."""
    today = today or datetime.date.today()
    year_period = Period.year(period.end.year)
    this_year = tally["completed"]["this_year"]
    ever = Period(datetime.date(2000, 1, 1), period.end)
    completed = rows_of(region, ever, filters=filters).filter(step="completed")
    total = completed.spanning(ever).aggregate(n=completed.people(ever))["n"]
    last_day = min(period.end, today, year_period.end)
    elapsed = (last_day - year_period.start).days + 1
    days_in_year = (year_period.end - year_period.start).days + 1
    forecast = round(this_year * days_in_year / elapsed) if elapsed > 0 else this_year
    return {
        "year": year_period.start.year,
        "goal_per_year": region.goal_per_year,
        "goal_total": region.goal_total,
        "trained_this_year": this_year,
        "trained_total": total,
        "forecast_this_year": forecast,
    }


def by_municipality(region, tally: Tally, filters: Filters = NONE) -> list[dict]:
    signed_up = tally.people_by("signed_up", "municipality_code")
    completed = tally.people_by("completed", "municipality_code")
    return [
        {
            "code": m.cbs_code,
            "name": m.name,
            "signed_up": signed_up.get(m.cbs_code, 0),
            "completed": completed.get(m.cbs_code, 0),
        }
        for m in region.municipalities.order_by("name")
        if not filters.municipality or m.cbs_code == filters.municipality
    ]


def by_target_group(tally: Tally) -> list[dict]:
    groups = [g for g in WorkSituation if g in TARGET_GROUPS]
    signed = tally.people_by("signed_up", "work_situation")
    completed = tally.people_by("completed", "work_situation")
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
    counted = tally(region, period, filters)
    figures = _counts_from(counted)
    data = {
        "region": {"code": region.code, "name": region.name},
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        **figures,
        "filters": filters.as_dict(),
        **goals(region, period, counted, today, filters),
        "funnel": funnel(figures),
        "outcomes": outcomes(counted),
        "by_municipality": by_municipality(region, counted, filters),
        "by_target_group": by_target_group(counted),
        "money": money(region, period, figures["completed"], figures["in_work_6m"]),
    }
    if filters.active:  # the region's spending over a subgroup's count would mislead
        data["money"]["cost_per_completed"] = data["money"]["cost_per_placed"] = None
    return data
