"""What can be exported for the funders' reports, and which columns each file has.

No names, e-mail addresses, phone numbers, exact birth dates, full postcodes or free texts
leave the system this way: a funder report counts people, plans and money. Participants are
identified by their internal number only (a pseudonym), so the files can be joined.

Amounts are integer cents in the database and euros with two decimals in the files.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from vakmanschap.funding.models import (
    Cheque,
    ChequeState,
    EntryKind,
    LedgerEntry,
    PlanState,
    TrainingPlan,
)
from vakmanschap.people.choices import Triage
from vakmanschap.people.models import Participant

CHUNK = 2000


def euros(cents) -> Decimal | None:
    return None if cents is None else (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))


def _day(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _yes(value: bool) -> str:
    return "yes" if value else "no"


@dataclass(frozen=True)
class Dataset:
    key: str
    label: str
    date_field: str  # what the date range filters on
    date_label: str
    states: list[tuple[str, str]]
    state_field: str
    municipality_field: str | Callable  # a lookup, or a function (queryset, municipality)
    stream_field: str | None
    columns: list[str]
    base: Callable
    rows: Callable[[Iterator], Iterator[list]]

    def queryset(self, *, date_from=None, date_to=None, municipality=None, state="", stream=None):
        qs = self.base()
        if date_from:
            qs = qs.filter(**{f"{self.date_field}__date__gte": date_from})
        if date_to:
            qs = qs.filter(**{f"{self.date_field}__date__lte": date_to})
        if municipality is not None:
            if callable(self.municipality_field):
                qs = self.municipality_field(qs, municipality)
            else:
                qs = qs.filter(**{self.municipality_field: municipality})
        if state:
            qs = qs.filter(**{self.state_field: state})
        if stream is not None:
            if self.stream_field:
                qs = qs.filter(**{self.stream_field: stream})
            else:  # participants: those with a plan funded from this stream
                qs = qs.filter(
                    Exists(
                        TrainingPlan.objects.filter(
                            participant=OuterRef("pk"), funding_period__stream=stream
                        )
                    )
                )
        return qs

    def iter_rows(self, **filters) -> Iterator[list]:
        return self.rows(self.queryset(**filters).iterator(chunk_size=CHUNK))


# Participants ---------------------------------------------------------------------------


def _participant_rows(items):
    for p in items:
        yield [
            p.pk,
            _day(p.created_at),
            p.municipality.cbs_code,
            p.municipality.name,
            (p.postcode or "")[:4],
            p.birth_date.year,
            p.education_level,
            p.work_situation,
            _yes(p.in_target_group),
            p.triage,
            _day(p.closed_at),
            _yes(p.anonymised_at is not None),
        ]


PARTICIPANTS = Dataset(
    key="participants",
    label=_("Participants"),
    date_field="created_at",
    date_label=_("sign-up date"),
    states=list(Triage.choices),
    state_field="triage",
    municipality_field="municipality",
    stream_field=None,
    columns=[
        "participant_id",
        "signed_up",
        "municipality_code",
        "municipality",
        "postcode_area",
        "birth_year",
        "education_level",
        "work_situation",
        "target_group",
        "triage",
        "closed",
        "anonymised",
    ],
    base=lambda: (
        Participant.objects.filter(merged_into__isnull=True)
        .select_related("municipality")
        .order_by("pk")
    ),
    rows=_participant_rows,
)


# Plans ----------------------------------------------------------------------------------


def _on_shortage_list(plan) -> str:
    for result in plan.eligibility or []:
        if result.get("rule") == "shortage_occupation":
            return _yes(result.get("ok"))
    return ""


def _plan_rows(items):
    for plan in items:
        stream = plan.funding_period.stream
        yield [
            plan.pk,
            plan.participant_id,
            plan.participant.municipality.cbs_code,
            plan.state,
            plan.scheme.name,
            stream.name,
            stream.funder_kind,
            plan.application_date,
            _day(plan.submitted_at),
            _day(plan.decided_at),
            plan.target_occupation.code,
            plan.target_occupation.uri,
            _on_shortage_list(plan),
            _yes(plan.participant.in_target_group),
            euros(plan.total_cents),
            euros(plan.own_contribution_cents),
            euros(plan.fund_amount_cents),
        ]


PLANS = Dataset(
    key="plans",
    label=_("Training plans"),
    date_field="submitted_at",
    date_label=_("submission date"),
    states=list(PlanState.choices),
    state_field="state",
    municipality_field="participant__municipality",
    stream_field="funding_period__stream",
    columns=[
        "plan_id",
        "participant_id",
        "municipality_code",
        "state",
        "scheme",
        "funding_stream",
        "funder",
        "application_date",
        "submitted",
        "decided",
        "target_occupation_code",
        "target_occupation_uri",
        "shortage_occupation",
        "target_group",
        "total_eur",
        "own_contribution_eur",
        "fund_amount_eur",
    ],
    base=lambda: TrainingPlan.objects.select_related(
        "participant__municipality", "scheme", "funding_period__stream", "target_occupation"
    ).order_by("pk"),
    rows=_plan_rows,
)


# Cheques --------------------------------------------------------------------------------


def _cheque_rows(items):
    for c in items:
        course = c.plan_course.course
        yield [
            c.pk,
            c.plan_id,
            c.plan.participant_id,
            c.plan.participant.municipality.cbs_code,
            c.provider.name,
            c.provider.kvk_number,
            course.title,
            course.level,
            c.state,
            c.plan.funding_period.stream.name,
            _day(c.issued_at),
            _day(c.booked_at),
            c.start_date,
            _day(c.finished_at),
            c.attendance_percent,
            euros(c.amount_cents),
        ]


CHEQUES = Dataset(
    key="cheques",
    label=_("Training cheques"),
    date_field="issued_at",
    date_label=_("issue date"),
    states=list(ChequeState.choices),
    state_field="state",
    municipality_field="plan__participant__municipality",
    stream_field="plan__funding_period__stream",
    columns=[
        "cheque_id",
        "plan_id",
        "participant_id",
        "municipality_code",
        "provider",
        "provider_kvk",
        "course",
        "course_level",
        "state",
        "funding_stream",
        "issued",
        "booked",
        "start_date",
        "finished",
        "attendance_percent",
        "amount_eur",
    ],
    base=lambda: Cheque.objects.select_related(
        "plan__participant__municipality",
        "plan__funding_period__stream",
        "plan_course__course",
        "provider",
    ).order_by("pk"),
    rows=_cheque_rows,
)


# Payments (the ledger's pay and recover entries) -----------------------------------------


def _payment_rows(items):
    for e in items:
        cheque = e.cheque  # pay and recover always name their cheque (a database check)
        yield [
            e.pk,
            _day(e.created_at),
            e.kind,
            euros(e.amount_cents),
            e.period.stream.name,
            e.period.start,
            e.period.end,
            cheque.pk,
            cheque.plan_id,
            cheque.provider.name,
            cheque.plan.participant.municipality.cbs_code,
        ]


PAYMENTS = Dataset(
    key="payments",
    label=_("Payments"),
    date_field="created_at",
    date_label=_("booking date"),
    states=[(EntryKind.PAY, _("Paid")), (EntryKind.RECOVER, _("Recovered"))],
    state_field="kind",
    municipality_field="cheque__plan__participant__municipality",
    stream_field="period__stream",
    columns=[
        "entry_id",
        "date",
        "kind",
        "amount_eur",
        "funding_stream",
        "period_start",
        "period_end",
        "cheque_id",
        "plan_id",
        "provider",
        "municipality_code",
    ],
    base=lambda: (
        LedgerEntry.objects.filter(kind__in=[EntryKind.PAY, EntryKind.RECOVER])
        .select_related(
            "period__stream", "cheque__provider", "cheque__plan__participant__municipality"
        )
        .order_by("pk")
    ),
    rows=_payment_rows,
)

DATASETS = {d.key: d for d in (PARTICIPANTS, PLANS, CHEQUES, PAYMENTS)}
