"""Refreshing the monitor's summary tables (`models.py`) from the records.

`refresh_all` empties and refills them with INSERT … SELECT in one transaction (the same SQL on
SQLite and PostgreSQL: the queries are the ORM's), so a reader sees either yesterday's figures
or today's, never half. Days are local days (`TruncDate` in the current time zone), as the
figures' periods are. The daily job `monitor_summary` and `vakmanschap refresh_monitor` call it;
`figures_as_of` says when it last ran. With the setting `MONITOR_SUMMARY_LIVE` (the tests) every
read refreshes first, so the figures always equal the records; without it, a read refreshes
only when the tables were never filled.

Each step's rows carry the participant's previous day with that step (`previous_day`, SQL's
LAG over the participant's days), so a period counts people with a plain filtered count; the
month table (`MonthStep`) sums them per month for periods of whole months.
"""

import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Cast, TruncDate, TruncMonth
from django.utils import timezone

from vakmanschap.followup.models import IN_WORK, FollowUp, OccupationRelation
from vakmanschap.funding.models import Cheque, ChequeState, LedgerEntry
from vakmanschap.guidance.models import CareerConversation, ConversationState
from vakmanschap.people.models import Participant

from .models import LedgerDay, MonthStep, PersonStep, SummaryRefresh

PERSON_COLUMNS = (
    "region_id",
    "participant_id",
    "municipality_code",
    "work_situation",
    "education_level",
    "birth_date",
    "step",
    "day",
    "records",
    "waited",
    "occupation_id",
    "points",
)
MONTH_COLUMNS = (
    "region_id",
    "step",
    "month",
    "previous_month",
    "municipality_code",
    "work_situation",
    "occupation_id",
    "people",
    "records",
    "waited",
    "points",
)
LEDGER_COLUMNS = ("stream_id", "kind", "day", "amount_cents", "entries")
TARGET_OR_RELATED = [OccupationRelation.TRAINED_FOR, OccupationRelation.RELATED]


def _person(prefix: str) -> dict:
    """The participant's dimensions, reached from a record through `prefix`."""
    return {
        "s_region_id": F(f"{prefix}municipality__region"),
        "s_participant_id": F(f"{prefix}pk" if not prefix else prefix[:-2]),
        "s_municipality_code": F(f"{prefix}municipality__cbs_code"),
        "s_work_situation": F(f"{prefix}work_situation"),
        "s_education_level": F(f"{prefix}education_level"),
        "s_birth_date": F(f"{prefix}birth_date"),
    }


def _counted(prefix: str) -> Q:
    return Q(
        **{f"{prefix}merged_into__isnull": True, f"{prefix}municipality__region__isnull": False}
    )


def _null(field):
    # A typed NULL: PostgreSQL will not put an untyped one into an interval column.
    return Cast(Value(None), field)


def _steps(qs, prefix: str, step: str, moment: str, waited=None, occupation=None, points=None):
    """Rows of one step: per participant (and occupation) and local day, how many records."""
    return (
        qs.filter(_counted(prefix), **{f"{moment}__isnull": False})
        .annotate(
            **_person(prefix),
            s_step=Value(step),
            s_day=TruncDate(moment),
            s_occupation_id=F(occupation) if occupation else _null(IntegerField()),
        )
        .values(
            "s_region_id",
            "s_participant_id",
            "s_municipality_code",
            "s_work_situation",
            "s_education_level",
            "s_birth_date",
            "s_step",
            "s_day",
            "s_occupation_id",
        )
        .annotate(
            s_records=Count("pk"),
            s_waited=Sum(waited) if waited is not None else _null(DurationField()),
            s_points=Sum(points) if points is not None else _null(IntegerField()),
        )
    )


def person_step_sources() -> list:
    """Every step of the funnel and the outcomes, as the figures count them."""
    plan = "plan__participant__"
    cheques = Cheque.objects.all()
    answers = FollowUp.objects.filter(answered_at__isnull=False)
    waited = ExpressionWrapper(
        TruncDate("started_at", output_field=DateField())
        - TruncDate("plan__participant__created_at", output_field=DateField()),
        output_field=DurationField(),
    )
    completed = cheques.filter(state=ChequeState.COMPLETED)
    sources = [
        _steps(Participant.objects.all(), "", "signed_up", "created_at"),
        _steps(
            CareerConversation.objects.filter(state=ConversationState.HELD),
            "participant__",
            "conversation",
            "scheduled_at",
        ),
        _steps(cheques, plan, "plan_approved", "plan__decided_at"),
        _steps(cheques, plan, "cheque_issued", "issued_at"),
        _steps(cheques, plan, "started", "started_at", waited=waited),
        _steps(completed, plan, "completed", "finished_at"),
        _steps(
            completed, plan, "trained_towards", "finished_at", occupation="plan__target_occupation"
        ),
        _steps(cheques.filter(state=ChequeState.DROPPED_OUT), plan, "dropped_out", "finished_at"),
    ]
    for months in (6, 12):
        mine = answers.filter(months=months)
        sources += [
            _steps(mine, plan, f"answered_{months}m", "answered_at"),
            _steps(
                mine.filter(work_situation__in=IN_WORK), plan, f"in_work_{months}m", "answered_at"
            ),
            _steps(
                mine.filter(occupation_relation__in=TARGET_OR_RELATED),
                plan,
                f"target_{months}m",
                "answered_at",
            ),
            _steps(mine.filter(more_hours=True), plan, f"more_hours_{months}m", "answered_at"),
        ]
    sources.append(
        _steps(
            answers.filter(helpfulness__isnull=False),
            plan,
            "helped",
            "answered_at",
            points="helpfulness",
        )
    )
    return sources


def month_source():
    """The person-steps per month: filled after them, from them."""
    return (
        PersonStep.objects.annotate(
            s_region_id=F("region"),
            s_step=F("step"),
            s_month=TruncMonth("day"),
            s_previous_month=TruncMonth("previous_day"),
            s_municipality_code=F("municipality_code"),
            s_work_situation=F("work_situation"),
            s_occupation_id=F("occupation"),
        )
        .values(
            "s_region_id",
            "s_step",
            "s_month",
            "s_previous_month",
            "s_municipality_code",
            "s_work_situation",
            "s_occupation_id",
        )
        .annotate(
            s_people=Count("pk"),
            s_records=Sum("records"),
            s_waited=Sum("waited"),
            s_points=Sum("points"),
        )
    )


def ledger_source():
    return (
        LedgerEntry.objects.annotate(
            s_stream_id=F("period__stream"), s_kind=F("kind"), s_day=TruncDate("created_at")
        )
        .values("s_stream_id", "s_kind", "s_day")
        .annotate(s_amount_cents=Sum("amount_cents"), s_entries=Count("pk"))
    )


def _insert(model, columns, queryset, previous_day=False) -> int:
    """INSERT INTO the table SELECT the queryset's columns named `s_<column>`; with
    `previous_day`, also each participant's (and occupation's) day before, by LAG."""
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    picked = ", ".join(quote(f"s_{column}") for column in columns)
    target = ", ".join(quote(column) for column in columns)
    if previous_day:
        day, person, occupation = (
            quote(f"s_{c}") for c in ("day", "participant_id", "occupation_id")
        )
        picked += f", LAG({day}) OVER (PARTITION BY {person}, {occupation} ORDER BY {day})"
        target += f", {quote('previous_day')}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({target}) "
            f"SELECT {picked} FROM ({sql}) AS source",
            params,
        )
        return cursor.rowcount


@transaction.atomic
def refresh_all() -> SummaryRefresh:
    started = time.perf_counter()
    moment = timezone.now()
    PersonStep.objects.all().delete()
    MonthStep.objects.all().delete()
    LedgerDay.objects.all().delete()
    person_steps = sum(
        _insert(PersonStep, PERSON_COLUMNS, source, previous_day=True)
        for source in person_step_sources()
    )
    month_steps = _insert(MonthStep, MONTH_COLUMNS, month_source())
    ledger_days = _insert(LedgerDay, LEDGER_COLUMNS, ledger_source())
    return SummaryRefresh.objects.create(
        refreshed_at=moment,
        seconds=time.perf_counter() - started,
        person_steps=person_steps,
        month_steps=month_steps,
        ledger_days=ledger_days,
    )


def figures_as_of():
    """When the figures were counted (None: never)."""
    latest = SummaryRefresh.objects.order_by("-refreshed_at").values_list("refreshed_at").first()
    return latest[0] if latest else None


def ensure_fresh() -> None:
    """Before reading: refresh when the setting asks for live figures or nothing was counted."""
    if getattr(settings, "MONITOR_SUMMARY_LIVE", False) or not SummaryRefresh.objects.exists():
        refresh_all()


def run_daily() -> str:
    done = refresh_all()
    return (
        f"monitor summary: {done.person_steps} person-steps, {done.month_steps} month rows, "
        f"{done.ledger_days} ledger days "
        f"in {done.seconds:.1f} s"
    )
