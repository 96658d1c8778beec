"""A person who reaches a step twice (a second course) counts once per period: the summary's
`previous_day` marks their first day of the step in it, in every period and group the
figures ask for."""

import datetime

import pytest
from django.utils import timezone

from tests.delivery.conftest import BIRTH, pdf
from vakmanschap.delivery import services as delivery
from vakmanschap.funding.cheques import redeem
from vakmanschap.funding.models import Cheque
from vakmanschap.funding.plans import approve, submit
from vakmanschap.monitor import figures, summary_tables
from vakmanschap.monitor.figures import Period
from vakmanschap.monitor.filters import Filters
from vakmanschap.monitor.models import PersonStep
from vakmanschap.monitor.potential import against_reach, as_dicts
from vakmanschap.monitor.shortages import by_occupation
from vakmanschap.monitor.welfare import well_being

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _local_day(days_ago: int) -> datetime.date:
    """The local day of the moment `days_ago` × 24 h back: across a DST change it can differ
    from today's date minus that many days."""
    return timezone.localtime(timezone.now() - datetime.timedelta(days=days_ago)).date()


def _second_course(world, person, finished_days_ago: int):
    plan = world.plan(participant=person)
    submit(plan, by=world.advisor)
    ((_, code),) = approve(plan, by=world.fund_officer).codes.items()
    cheque = redeem(provider=world.provider, user=world.provider_user, code=code, birth_date=BIRTH)
    Cheque.objects.filter(pk=cheque.pk).update(issued_at=timezone.now() - datetime.timedelta(2))
    cheque.refresh_from_db()
    cheque = delivery.declare_start(cheque, by=world.provider_user, start_date=_days_ago(1))
    cheque = delivery.complete(cheque, by=world.provider_user, certificate=pdf(), percent=100)
    Cheque.objects.filter(pk=cheque.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=finished_days_ago)
    )
    return plan


@pytest.fixture
def twice(world):
    """Person 0 finished a course 190 days ago (the walk) and a second one 10 days ago."""
    _second_course(world, world.people[0], finished_days_ago=10)
    summary_tables.refresh_all()
    return world


def test_the_second_day_of_a_step_points_to_the_first(twice):
    rows = PersonStep.objects.filter(participant=twice.people[0], step="completed")
    assert sorted((r.day, r.previous_day) for r in rows) == [
        (_local_day(190), None),
        (_local_day(10), _local_day(190)),
    ]


def test_a_person_counts_once_in_a_period_and_once_in_each_part(twice):
    year = figures.summary(twice.twente, Period(_days_ago(400), _days_ago(0)))
    assert year["completed"] == 10  # not 11: person 0 twice
    assert year["trained_total"] == 10
    assert year["outcomes"]["completion_rate"] == round(100 * 11 / 13)  # courses, not people
    by_code = {row["code"]: row["completed"] for row in year["by_municipality"]}
    assert by_code["GM0164"] == sum(1 for i in range(10) if i % 3 == 0)  # person 0 lives there
    recent = figures.counts(twice.twente, Period(_days_ago(30), _days_ago(0)))
    assert recent["completed"] == 3  # persons 8 and 9 today, person 0's second course
    before, after = Period(_days_ago(200), _days_ago(100)), Period(_days_ago(20), _days_ago(0))
    rows = figures.rows_of(twice.twente, before, after).filter(step="completed")
    parts = rows.per_period({"before": before, "after": after})
    assert parts[("completed",)] == {"before": 8, "after": 3}


def test_the_shortage_section_counts_a_person_once_per_occupation(twice):
    # Both of person 0's plans aim at the nurse, as every plan of the walk does.
    (nurse,) = by_occupation(twice.twente, Period(_days_ago(400), _days_ago(0)))["occupations"]
    assert nurse["trained"] == 10
    (recent,) = by_occupation(twice.twente, Period(_days_ago(30), _days_ago(0)))["occupations"]
    assert recent["trained"] == 3


def _months_back(months: int) -> datetime.date:
    today = timezone.localdate()
    month = today.year * 12 + today.month - 1 - months
    return datetime.date(month // 12, month % 12 + 1, 1)


def _month_end() -> datetime.date:
    return _months_back(-1) - datetime.timedelta(days=1)


@pytest.mark.parametrize("filters", [Filters(), Filters(municipality="GM0164")])
def test_whole_months_read_the_month_table_with_the_same_figures(twice, filters):
    """A period of whole months counts from `MonthStep`; a day less at its start (no records
    then) counts each person's days, and every figure agrees."""
    months = Period(_months_back(14), _month_end())
    days = Period(months.start - datetime.timedelta(days=1), months.end)
    assert figures.rows_of(twice.twente, months, filters=filters).monthly
    assert not figures.rows_of(twice.twente, days, filters=filters).monthly
    by_month = figures.summary(twice.twente, months, filters=filters)
    by_day = figures.summary(twice.twente, days, filters=filters)
    assert by_month["completed"] > 0
    assert {**by_month, "from": None} == {**by_day, "from": None}
    for section in (by_occupation, lambda *a: as_dicts(against_reach(*a)), well_being):
        assert section(twice.twente, months, filters) == section(twice.twente, days, filters)
    # Counted once per quarter of whole months too: person 0 in two of them.
    quarters = {
        f"q{i}": Period(_months_back(3 * i + 2), _months_back(3 * i - 1) - datetime.timedelta(1))
        for i in range(5)
    }
    monthly = figures.rows_of(twice.twente, *quarters.values(), filters=filters)
    daily = figures.rows_of(twice.twente, Period(days.start, days.start), filters=filters)
    assert monthly.monthly and not daily.monthly
    assert monthly.per_period(quarters) == daily.per_period(quarters)


def test_other_filters_count_each_persons_days(twice):
    months = Period(_months_back(14), _month_end())
    assert not figures.rows_of(twice.twente, months, filters=Filters(age_band="25-34")).monthly
