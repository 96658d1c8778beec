"""The course cap is counted through indexes and never reads more than the cap."""

import datetime

from django.db import connection
from django.utils import timezone

from vakmanschap.funding.eligibility import cheques_towards_cap
from vakmanschap.funding.plans import approve, submit


def test_the_count_stops_at_the_cap(fund):
    plan = fund.plan()
    submit(plan, by=fund.advisor)
    approve(plan, by=fund.fund_officer)
    course_id = plan.courses.get().course_id
    since = timezone.now() - datetime.timedelta(days=1)
    assert cheques_towards_cap(course_id, since, 5).count() == 1
    assert cheques_towards_cap(course_id, since, 1).count() == 1
    later = timezone.now() + datetime.timedelta(days=1)
    assert cheques_towards_cap(course_id, later, 5).count() == 0  # outside the window


def test_the_count_is_answered_by_indexes(postgres_only, fund):
    since = timezone.now() - datetime.timedelta(days=365)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = cheques_towards_cap(fund.course.pk, since, 10).explain()
    assert "Seq Scan" not in plan, plan
    assert "funding_plancourse_course_id" in plan, plan
