"""The monitor reads summary tables that the daily job refreshes: production shows the figures
of the last refresh (and says when that was), the refresh brings them up to the records."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from vakmanschap.core import daily
from vakmanschap.funding import ledger
from vakmanschap.monitor import figures, summary_tables
from vakmanschap.monitor.models import LedgerDay, PersonStep, SummaryRefresh

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return figures.Period(today - datetime.timedelta(days=400), today)


def test_production_reads_the_last_refresh_until_the_next(world, settings):
    settings.MONITOR_SUMMARY_LIVE = False
    summary_tables.refresh_all()
    before = figures.summary(world.twente, _period())
    world.walk(0)  # one more person all the way to a 6-month answer
    ledger.post(world.period.pk, "allocate", 1_000_00)
    stale = figures.summary(world.twente, _period())
    assert stale["signed_up"] == before["signed_up"] == 30
    assert stale["money"] == before["money"]
    summary_tables.refresh_all()
    fresh = figures.summary(world.twente, _period())
    assert (fresh["signed_up"], fresh["completed"], fresh["in_work_6m"]) == (31, 11, 7)
    assert (
        fresh["money"]["totals"]["allocated"] == before["money"]["totals"]["allocated"] + 1_000_00
    )


def test_an_empty_summary_is_filled_at_the_first_read(world, settings):
    settings.MONITOR_SUMMARY_LIVE = False
    assert not SummaryRefresh.objects.exists()
    assert figures.counts(world.twente, _period())["signed_up"] == 30
    assert SummaryRefresh.objects.count() == 1


def test_a_refresh_replaces_the_rows_instead_of_adding(world):
    first = summary_tables.refresh_all()
    second = summary_tables.refresh_all()
    assert first.person_steps == second.person_steps == PersonStep.objects.count() > 30
    assert second.ledger_days == LedgerDay.objects.count() > 0


def test_the_daily_job_and_the_command_refresh(world):
    (result,) = daily.run_all(only=["monitor_summary"])
    assert result.ok and "person-steps" in result.message
    out = io.StringIO()
    call_command("refresh_monitor", stdout=out)
    assert "ledger days" in out.getvalue()
    assert SummaryRefresh.objects.count() == 2


def test_the_pages_say_when_the_figures_were_counted(world, client, settings):
    settings.MONITOR_SUMMARY_LIVE = False
    done = summary_tables.refresh_all()
    SummaryRefresh.objects.filter(pk=done.pk).update(
        refreshed_at=datetime.datetime(2026, 5, 30, 4, 5, tzinfo=datetime.UTC)
    )
    client.force_login(world.fund_officer)
    page = client.get(reverse("monitor:index")).content.decode()
    assert "Cijfers van 30 mei 2026 06:05" in page  # local time
    public = client.get(reverse("monitor:open_data")).content.decode()
    assert "Cijfers van 30 mei 2026 06:05" in public


@pytest.fixture
def counted(world, settings):
    settings.MONITOR_SUMMARY_LIVE = False
    summary_tables.refresh_all()
    return world


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("monitor page, fund officer", "/monitor/"),
        (
            "monitor page with a filter, fund officer",
            "/monitor/?municipality=GM0164&age_band=25-34",
        ),
        ("monitor API, fund officer", "/api/v1/monitor/summary?from=2026-01-01&to=2026-12-31"),
        ("open data page", "/open-data/?education_level=mbo2"),
        ("open data API", "/api/v1/open-data/summary?year=2026"),
    ],
)
def test_the_monitor_runs_a_pinned_number_of_queries(counted, client, pinned_queries, name, url):
    """The queries do not grow with the people counted: they read grouped summary rows."""
    client.force_login(counted.fund_officer)
    with pinned_queries(name):
        response = client.get(url)
    assert response.status_code == 200
