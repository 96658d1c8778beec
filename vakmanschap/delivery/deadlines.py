"""Provider deadlines in working days (Monday–Friday, not a Dutch public holiday per
`holidays.NL`), and the fund officer's list of overdue items.

- Booking: confirm (with the start date) within 5 working days after the redemption day.
- Start: declare it within 10 working days after the start date.
- Completion: record it (with the certificate) by the course's planned end
  (start date + the course's duration); overdue from the next day.

A deadline day itself is still in time; an item is overdue from the day after.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.db.models import Case, CharField, DateField, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.funding.models import Cheque, ChequeState

BOOKING_CONFIRM_WORKING_DAYS = 5
START_DECLARE_WORKING_DAYS = 10


class Overdue:
    BOOKING = "booking"
    START = "start"
    COMPLETION = "completion"

    LABELS = {
        BOOKING: _("Booking not confirmed"),
        START: _("Start not declared"),
        COMPLETION: _("Completion not recorded"),
    }


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.NL(years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `day` (n = 0: `day` itself)."""
    while n > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count


def latest_overdue_anchor(today: datetime.date, n: int) -> datetime.date:
    """The last anchor day whose deadline (anchor + n working days) lies before today.
    Deadlines grow with their anchor, so "anchor <= this day" selects exactly the overdue."""
    day = today - datetime.timedelta(days=1)
    while add_working_days(day, n) >= today:
        day -= datetime.timedelta(days=1)
    return day


def _local_date(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def booking_deadline(cheque) -> datetime.date | None:
    return (
        add_working_days(_local_date(cheque.booked_at), BOOKING_CONFIRM_WORKING_DAYS)
        if (cheque.booked_at)
        else None
    )


def start_deadline(cheque) -> datetime.date | None:
    if cheque.start_date is None:
        return None
    return add_working_days(cheque.start_date, START_DECLARE_WORKING_DAYS)


def _delivery_of(cheque):
    try:
        return cheque.delivery
    except Cheque.delivery.RelatedObjectDoesNotExist:
        return None


def next_deadline(cheque) -> tuple[str, datetime.date] | None:
    """What the provider must do next for this cheque and by when (None: nothing due)."""
    delivery = _delivery_of(cheque)
    if cheque.state == ChequeState.BOOKED:
        if delivery is None or not delivery.booking_confirmed:
            return Overdue.BOOKING, booking_deadline(cheque)
        return Overdue.START, start_deadline(cheque)
    if cheque.state == ChequeState.STARTED and delivery and delivery.planned_end:
        return Overdue.COMPLETION, delivery.planned_end
    return None


@dataclass
class NeedsAction:
    cheque: Cheque
    kind: str
    deadline: datetime.date
    working_days_late: int

    @property
    def label(self):
        return Overdue.LABELS[self.kind]


def _midnight_after(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def overdue_cheques(today: datetime.date | None = None):
    """One queryset of every overdue cheque, annotated with `overdue_kind` and `anchor`, the
    oldest first. Pure SQL filters (the working-day arithmetic is turned into cut-off dates),
    so it paginates and needs no query per row."""
    today = today or timezone.localdate()
    booking_cutoff = _midnight_after(latest_overdue_anchor(today, BOOKING_CONFIRM_WORKING_DAYS))
    start_cutoff = latest_overdue_anchor(today, START_DECLARE_WORKING_DAYS)
    unconfirmed = Q(delivery__isnull=True) | Q(delivery__booking_confirmed_at__isnull=True)
    booking = Q(state=ChequeState.BOOKED, booked_at__lt=booking_cutoff) & unconfirmed
    start = Q(
        state=ChequeState.BOOKED,
        delivery__booking_confirmed_at__isnull=False,
        start_date__lte=start_cutoff,
    )
    completion = Q(state=ChequeState.STARTED, delivery__planned_end__lt=today)
    return (
        Cheque.objects.filter(booking | start | completion)
        .annotate(
            overdue_kind=Case(
                When(booking, then=Value(Overdue.BOOKING)),
                When(start, then=Value(Overdue.START)),
                default=Value(Overdue.COMPLETION),
                output_field=CharField(),
            ),
            anchor=Case(
                When(booking, then=TruncDate("booked_at")),
                When(start, then="start_date"),
                default="delivery__planned_end",
                output_field=DateField(),
            ),
        )
        .select_related("provider", "plan__participant", "plan_course__course", "delivery")
        .order_by("anchor", "pk")
    )


def needs_action(cheques, today: datetime.date | None = None) -> list[NeedsAction]:
    """Turn (a page of) `overdue_cheques()` into items with their deadline; no queries."""
    today = today or timezone.localdate()
    items = []
    for cheque in cheques:
        kind = cheque.overdue_kind
        if kind == Overdue.BOOKING:
            deadline = booking_deadline(cheque)
        elif kind == Overdue.START:
            deadline = start_deadline(cheque)
        else:
            deadline = cheque.delivery.planned_end
        items.append(NeedsAction(cheque, kind, deadline, working_days_between(deadline, today)))
    return items
