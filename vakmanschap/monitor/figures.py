"""The monitor's figures for one labour-market region and period, counted from the records.

People are counted once per step (distinct participants), each step on its own date: signed up
(sign-up date), conversation (a held conversation), plan approved (decision date, with cheques
issued), started and completed (the cheque's start and finish), in work at 6 and 12 months (the
follow-up answers given in the period). A participant belongs to the region of their
municipality. Money is the region's funding streams' ledger, summed up to the period's end.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from vakmanschap.followup.models import IN_WORK, FollowUp, OccupationRelation
from vakmanschap.funding.ledger import Balances
from vakmanschap.funding.models import Cheque, ChequeState, FundingStream, LedgerEntry
from vakmanschap.guidance.models import CareerConversation, ConversationState
from vakmanschap.people.choices import TARGET_GROUPS, WorkSituation
from vakmanschap.people.models import Participant
from vakmanschap.region.models import LabourMarketRegion

from .filters import NONE, Filters

FUNNEL = (
    "signed_up",
    "conversations",
    "plans_approved",
    "started",
    "completed",
    "in_work_6m",
    "in_work_12m",
)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _people(region, period: Period, filters: Filters = NONE):
    qs = Participant.objects.filter(municipality__region=region, merged_into__isnull=True)
    return filters.people(qs, region, period.end) if filters.active else qs


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__date__gte": period.start, f"{field}__date__lte": period.end})


def _distinct_people(qs, field="plan__participant") -> int:
    return qs.values(field).distinct().count()


def counts(region, period: Period, filters: Filters = NONE) -> dict[str, int]:
    people = _people(region, period, filters)
    cheques = Cheque.objects.filter(plan__participant__in=people)
    answers = FollowUp.objects.filter(
        plan__participant__in=people, work_situation__in=IN_WORK
    ).filter(_between("answered_at", period))
    return {
        "signed_up": people.filter(_between("created_at", period)).count(),
        "conversations": _distinct_people(
            CareerConversation.objects.filter(
                participant__in=people, state=ConversationState.HELD
            ).filter(_between("scheduled_at", period)),
            "participant",
        ),
        "plans_approved": _distinct_people(
            cheques.filter(_between("plan__decided_at", period)),
        ),
        "cheques_issued": cheques.filter(_between("issued_at", period)).count(),
        "started": _distinct_people(cheques.filter(_between("started_at", period))),
        "completed": _distinct_people(
            cheques.filter(state=ChequeState.COMPLETED).filter(_between("finished_at", period))
        ),
        "dropped_out": _distinct_people(
            cheques.filter(state=ChequeState.DROPPED_OUT).filter(_between("finished_at", period))
        ),
        "in_work_6m": _distinct_people(answers.filter(months=6)),
        "in_work_12m": _distinct_people(answers.filter(months=12)),
    }


def funnel(figures: dict[str, int]) -> list[dict]:
    """Each step with its count and its conversion from the step before (None for the first)."""
    steps, previous = [], None
    for key in FUNNEL:
        value = figures[key]
        conversion = None if previous in (None, 0) else round(100 * value / previous)
        steps.append({"key": key, "count": value, "conversion": conversion})
        previous = value
    return steps


def outcomes(region, period: Period, filters: Filters = NONE) -> dict:
    people = _people(region, period, filters)
    ended = Cheque.objects.filter(
        plan__participant__in=people, state__in=[ChequeState.COMPLETED, ChequeState.DROPPED_OUT]
    ).filter(_between("finished_at", period))
    done = ended.aggregate(
        completed=Count("pk", filter=Q(state=ChequeState.COMPLETED)), all=Count("pk")
    )
    result = {
        "completion_rate": round(100 * done["completed"] / done["all"]) if done["all"] else None
    }
    answered = FollowUp.objects.filter(plan__participant__in=people, answered_at__isnull=False)
    answered = answered.filter(_between("answered_at", period))
    for months in (6, 12):
        rows = answered.filter(months=months)
        n = rows.count()
        in_work = rows.filter(work_situation__in=IN_WORK).count()
        target = rows.filter(
            occupation_relation__in=[OccupationRelation.TRAINED_FOR, OccupationRelation.RELATED]
        ).count()
        result[f"answered_{months}m"] = n
        result[f"in_work_{months}m_percent"] = round(100 * in_work / n) if n else None
        result[f"target_or_related_{months}m_percent"] = round(100 * target / n) if n else None
    days = [
        (c.started_at.date() - c.plan.participant.created_at.date()).days
        for c in Cheque.objects.filter(plan__participant__in=people)
        .filter(_between("started_at", period))
        .select_related("plan__participant")
        .only("started_at", "plan__participant__created_at")
    ]
    result["days_signup_to_start"] = round(sum(days) / len(days)) if days else None
    return result


def goals(region: LabourMarketRegion, period: Period, today=None, filters=NONE) -> dict:
    """People trained (completed) in the year of the period's end and in total, against the
    region's targets, with the forecast for the year at the current pace."""
    today = today or datetime.date.today()
    year = period.end.year
    year_period = Period.year(year)
    this_year = counts(
        region, Period(year_period.start, min(period.end, year_period.end)), filters
    )["completed"]
    total = counts(region, Period(datetime.date(2000, 1, 1), period.end), filters)["completed"]
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


def by_municipality(region, period: Period, filters: Filters = NONE) -> list[dict]:
    people = _people(region, period, filters)
    signed = dict(
        people.filter(_between("created_at", period))
        .values_list("municipality__cbs_code")
        .annotate(n=Count("pk"))
    )
    completed = dict(
        Cheque.objects.filter(plan__participant__in=people, state=ChequeState.COMPLETED)
        .filter(_between("finished_at", period))
        .values_list("plan__participant__municipality__cbs_code")
        .annotate(n=Count("plan__participant", distinct=True))
    )
    return [
        {
            "code": m.cbs_code,
            "name": m.name,
            "signed_up": signed.get(m.cbs_code, 0),
            "completed": completed.get(m.cbs_code, 0),
        }
        for m in region.municipalities.order_by("name")
        if not filters.municipality or m.cbs_code == filters.municipality
    ]


def by_target_group(region, period: Period, filters: Filters = NONE) -> list[dict]:
    people = _people(region, period, filters)
    groups = [g for g in WorkSituation if g in TARGET_GROUPS]
    signed = dict(
        people.filter(_between("created_at", period))
        .values_list("work_situation")
        .annotate(n=Count("pk"))
    )
    completed = dict(
        Cheque.objects.filter(plan__participant__in=people, state=ChequeState.COMPLETED)
        .filter(_between("finished_at", period))
        .values_list("plan__participant__work_situation")
        .annotate(n=Count("plan__participant", distinct=True))
    )
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
    for stream_id, kind, total in (
        LedgerEntry.objects.filter(period__stream__in=streams, created_at__date__lte=period.end)
        .values_list("period__stream", "kind")
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
        LedgerEntry.objects.filter(period__stream__in=streams, kind__in=["pay", "recover"])
        .filter(_between("created_at", period))
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
    figures = counts(region, period, filters)
    data = {
        "region": {"code": region.code, "name": region.name},
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        **figures,
        "filters": filters.as_dict(),
        **goals(region, period, today, filters),
        "funnel": funnel(figures),
        "outcomes": outcomes(region, period, filters),
        "by_municipality": by_municipality(region, period, filters),
        "by_target_group": by_target_group(region, period, filters),
        "money": money(region, period, figures["completed"], figures["in_work_6m"]),
    }
    if filters.active:  # the region's spending over a subgroup's count would mislead
        data["money"]["cost_per_completed"] = data["money"]["cost_per_placed"] = None
    return data
