"""The course cap's count: the cheques of a course issued since a moment and not cancelled.

Read from the per-day counts that the database keeps (`CourseChequeDay`): the whole days after
the window's first day from their rows, the first day itself from its cheques, so the window
stays exact to the moment. The work is one query for all of a plan's courses, at most one row
per course per day of the window plus that first day's cheques, however many cheques a course
has and however large the cap is.

Two approvals for the same course must not both take its last place: an approval locks its
courses' rows first (`plans._locked_for_decision`), so the second one counts after the first
has committed its cheques."""

import datetime

from django.db.models import Count, Sum

from .models import Cheque, ChequeState, CourseChequeDay


def cheques_since(course_ids, since: datetime.datetime) -> dict[int, int]:
    """Cheques towards the cap per course id: issued at or after `since`, not cancelled."""
    course_ids = sorted(set(course_ids))
    if not course_ids:
        return {}
    counts = dict.fromkeys(course_ids, 0)
    for course_id, n in counts_query(course_ids, since):
        counts[course_id] += n or 0
    return counts


def counts_query(course_ids, since: datetime.datetime):
    """(course id, cheques) rows: per course one for the whole days, one for the first day."""
    first_day = since.astimezone(datetime.UTC).date()
    next_midnight = datetime.datetime.combine(
        first_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )
    whole_days = (
        CourseChequeDay.objects.filter(course_id__in=course_ids, day__gt=first_day)
        .order_by()
        .values_list("course_id")
        .annotate(n=Sum("cheques"))
    )
    first_day_cheques = (
        Cheque.objects.filter(
            plan_course__course_id__in=course_ids,
            issued_at__gte=since,
            issued_at__lt=next_midnight,
        )
        .exclude(state=ChequeState.CANCELLED)
        .order_by()
        .values_list("plan_course__course_id")
        .annotate(n=Count("id"))
    )
    return whole_days.union(first_day_cheques, all=True)


def recount(course_ids=None) -> dict[tuple[int, datetime.date], int]:
    """The per-day counts computed from the cheques themselves (to check the kept ones)."""
    cheques = Cheque.objects.exclude(state=ChequeState.CANCELLED)
    if course_ids is not None:
        cheques = cheques.filter(plan_course__course_id__in=course_ids)
    counts: dict[tuple[int, datetime.date], int] = {}
    for course_id, issued_at in cheques.values_list("plan_course__course_id", "issued_at"):
        key = (course_id, issued_at.astimezone(datetime.UTC).date())
        counts[key] = counts.get(key, 0) + 1
    return counts


def kept(course_ids=None) -> dict[tuple[int, datetime.date], int]:
    """The per-day counts the database keeps, without the days back at zero."""
    rows = CourseChequeDay.objects.filter(cheques__gt=0)
    if course_ids is not None:
        rows = rows.filter(course_id__in=course_ids)
    return {(c, d): n for c, d, n in rows.values_list("course_id", "day", "cheques")}
