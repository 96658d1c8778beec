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

from django.db import connection

from .models import Cheque, ChequeState, CourseChequeDay


def cheques_since(course_ids, since: datetime.datetime) -> dict[int, int]:
    """Cheques towards the cap per course id: issued at or after `since`, not cancelled."""
    course_ids = sorted(set(course_ids))
    if not course_ids:
        return {}
    counts = dict.fromkeys(course_ids, 0)
    for course_id, n in counts_rows(course_ids, since):
        counts[course_id] += n or 0
    return counts


def counts_rows(course_ids, since: datetime.datetime) -> list[tuple[int, int]]:
    """(course id, cheques) rows: per course one for the whole days, one for the first day."""
    with connection.cursor() as cursor:
        cursor.execute(*counts_statement(course_ids, since))
        return cursor.fetchall()


def counts_statement(course_ids, since: datetime.datetime) -> tuple[str, list]:
    """The SQL of `counts_rows` and its parameters. Written out, not built by the ORM: every
    approval runs it, and building it cost more than running it."""
    first_day = since.astimezone(datetime.UTC).date()
    next_midnight = datetime.datetime.combine(
        first_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )
    ops = connection.ops
    return _COUNTS.format(courses=", ".join(["%s"] * len(course_ids))), [
        *course_ids,
        ops.adapt_datefield_value(first_day),
        *course_ids,
        ops.adapt_datetimefield_value(since),
        ops.adapt_datetimefield_value(next_midnight),
        ChequeState.CANCELLED,
    ]


_COUNTS = """
SELECT course_id, SUM(cheques) FROM funding_coursechequeday
WHERE course_id IN ({courses}) AND day > %s
GROUP BY course_id
UNION ALL
SELECT pc.course_id, COUNT(c.id)
FROM funding_cheque c JOIN funding_plancourse pc ON pc.id = c.plan_course_id
WHERE pc.course_id IN ({courses}) AND c.issued_at >= %s AND c.issued_at < %s AND c.state <> %s
GROUP BY pc.course_id
"""


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


# The day of a cheque's issued_at in UTC, as the triggers of migration 0016 compute it.
_DAY = {"postgresql": "((c.issued_at AT TIME ZONE 'UTC')::date)", "sqlite": "date(c.issued_at)"}
_COUNT_AFRESH = """
INSERT INTO funding_coursechequeday (course_id, day, cheques)
SELECT pc.course_id, {day}, COUNT(*)
FROM funding_cheque c JOIN funding_plancourse pc ON pc.id = c.plan_course_id
WHERE c.state <> 'cancelled'
GROUP BY pc.course_id, {day}
"""
_TRIGGERS = ["funding_cheque_counts_insert_delete", "funding_cheque_counts_update"]


def counting_triggers(enabled: bool) -> None:
    """Switch the counting triggers off for a bulk load of cheques (PostgreSQL; call
    `count_afresh()` after switching them on again). Thousands of updates of one course's day
    row in one transaction make every next update walk all its earlier versions."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no foreign-key checks pending
        for trigger in _TRIGGERS:
            cursor.execute(
                f"ALTER TABLE funding_cheque {'ENABLE' if enabled else 'DISABLE'} TRIGGER {trigger}"
            )


def count_afresh() -> None:
    """The per-day counts computed again from the cheques."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM funding_coursechequeday")
        cursor.execute(_COUNT_AFRESH.format(day=_DAY[connection.vendor]))
