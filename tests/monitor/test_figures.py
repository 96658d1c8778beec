"""Every figure on the monitor against a count made independently from the walk (conftest)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from vakmanschap.followup import services as followup
from vakmanschap.funding import ledger
from vakmanschap.funding.models import Cheque, LedgerEntry
from vakmanschap.monitor import figures, opendata

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return figures.Period(today - datetime.timedelta(days=400), today)


def _expected(world):
    ids = range(30)
    return {
        "signed_up": 30,
        "conversations": sum(1 for i in ids if i < 24),
        "plans_approved": sum(1 for i in ids if i < 18),
        "cheques_issued": sum(1 for i in ids if i < 18),
        "started": sum(1 for i in ids if i < 14),
        "completed": sum(1 for i in ids if i < 10),
        "dropped_out": 2,
        "in_work_6m": sum(1 for i in ids if i < 6),
        "in_work_12m": 0,
    }


def test_every_count_matches_the_walk_and_the_other_region_never_mixes(world):
    data = figures.summary(world.twente, _period())
    expected = _expected(world)
    assert {k: data[k] for k in expected} == expected
    hengelo = [i for i in range(30) if i % 3 == 0]
    by_code = {row["code"]: row for row in data["by_municipality"]}
    assert set(by_code) == {"GM0153", "GM0164"}  # Aalten is another region's
    assert by_code["GM0164"]["signed_up"] == len(hengelo)
    assert by_code["GM0164"]["completed"] == sum(1 for i in hengelo if i < 10)
    assert by_code["GM0153"]["completed"] == 10 - by_code["GM0164"]["completed"]
    groups = {row["key"]: row for row in data["by_target_group"]}
    assert groups["unemployed"]["signed_up"] == sum(1 for i in range(30) if i % 4 == 0)
    assert groups["unemployed"]["completed"] == sum(1 for i in range(10) if i % 4 == 0)
    assert groups["other"]["signed_up"] == 30 - groups["unemployed"]["signed_up"]
    other = figures.summary(world.achterhoek, _period())
    assert (other["signed_up"], other["completed"], other["in_work_6m"]) == (3, 3, 3)


def test_funnel_outcomes_goals_and_money(world):
    data = figures.summary(world.twente, _period())
    steps = {s["key"]: s for s in data["funnel"]}
    assert steps["conversations"]["conversion"] == round(100 * 24 / 30)
    assert steps["completed"]["conversion"] == round(100 * 10 / 14)
    assert data["outcomes"]["completion_rate"] == round(100 * 10 / 12)
    assert data["outcomes"]["answered_6m"] == 8
    assert data["outcomes"]["in_work_6m_percent"] == round(100 * 6 / 8)
    assert data["outcomes"]["target_or_related_6m_percent"] == round(100 * 5 / 8)
    more_hours_6m = sum(1 for i in range(8) if i < 6 and i % 2 == 0)
    assert data["outcomes"]["more_hours_6m_percent"] == round(100 * more_hours_6m / 8)
    assert data["outcomes"]["answered_12m"] == 0
    assert data["outcomes"]["more_hours_12m_percent"] is None
    assert data["outcomes"]["days_signup_to_start"] == 0
    assert (data["goal_per_year"], data["goal_total"]) == (1500, 6000)
    assert data["trained_total"] == 10
    this_year = timezone.localdate().year
    completed_this_year = (
        10
        if timezone.localtime(timezone.now() - datetime.timedelta(days=190)).year == this_year
        else 2
    )
    assert data["trained_this_year"] == completed_this_year
    balances = ledger.balances(world.period)
    totals = data["money"]["totals"]
    assert totals["allocated"] == sum(
        LedgerEntry.objects.filter(kind="allocate").values_list("amount_cents", flat=True)
    )
    assert (totals["reserved"], totals["committed"], totals["paid"]) == (
        balances.reserved,
        balances.committed,
        balances.paid - balances.recovered,
    )


def test_more_hours_at_twelve_months_against_the_walk(world):
    """A year on, the walk's completed people answer again: the 12-month step counts them apart
    from the 6-month answers, in the same grouped pass."""
    Cheque.objects.filter(state="completed").update(
        finished_at=timezone.now() - datetime.timedelta(days=370)
    )
    due = followup.schedule_due()
    assert {f.months for f in due} == {12}
    answers = {}
    for n, follow_up in enumerate(sorted(due, key=lambda f: f.pk)):
        # Every person of Twente who completed; the other region's three too (not counted).
        more = None if n % 4 == 3 else n % 4 == 0
        answers[follow_up.pk] = more
        followup.record_answers(
            follow_up,
            {
                "work_situation": "seeking" if more is None else "employed",
                "hours_per_week": None if more is None else 36,
                "more_hours": more,
                "helpfulness": 3,
            },
            "phone",
            by=world.advisor,
        )
    twente = [f for f in due if f.plan.participant.municipality.region_id == world.twente.pk]
    answered = len(twente)
    more = sum(1 for f in twente if answers[f.pk] is True)
    data = figures.summary(world.twente, _period())
    assert data["outcomes"]["answered_12m"] == answered == 10
    assert data["outcomes"]["more_hours_12m_percent"] == round(100 * more / answered)
    assert data["in_work_12m"] == sum(1 for f in twente if answers[f.pk] is not None)
    # The 6-month answers are unchanged.
    assert data["outcomes"]["answered_6m"] == 8
    # Open data publishes the percentage of 10 answers, and hides it over the 8 at 6 months.
    published = opendata.open_summary(world.twente, timezone.localdate().year)["outcomes"]
    assert published["more_hours_12m_percent"] == round(100 * more / answered)
    assert published["more_hours_6m_percent"] is None


def test_goals_are_configured_per_region(world):
    world.twente.goal_per_year = 10
    world.twente.save()
    assert figures.summary(world.twente, _period())["goal_per_year"] == 10


def test_monitor_page_shows_charts_and_the_same_figures(client, world):
    from tests.factories import user_with_role
    from vakmanschap.accounts.roles import Role

    client.force_login(user_with_role(Role.MONITOR))
    today = timezone.localdate()
    response = client.get(
        reverse("monitor:index"),
        {
            "date_from": (today - datetime.timedelta(days=400)).isoformat(),
            "date_to": today.isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 4
    assert (
        'data-step="completed"><th class="utrecht-table__header-cell" scope="row">Afgerond</th><td class="utrecht-table__cell">10<'
        in html
    )
    assert 'data-municipality="GM0197"' not in html
    more_hours_6m = round(100 * sum(1 for i in range(6) if i % 2 == 0) / 8)
    assert (
        'data-key="more-hours-6m"><th class="utrecht-table__header-cell" scope="row">'
        "Meer uren aan het werk na 6 maanden (van wie antwoordde)</th>"
        f'<td class="utrecht-table__cell">{more_hours_6m}%<'
    ) in html
