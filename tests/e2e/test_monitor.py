"""The monitor role opens the regional monitor in Dutch and English; the public opens the open
data. Charts and tables are visible and axe finds no WCAG 2.1 AA violation."""

import datetime
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import user_with_role
from tests.monitor.conftest import MonitorWorld
from vakmanschap.accounts.roles import Role

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return MonitorWorld()


def test_monitor_in_both_languages_and_open_data_are_axe_clean(page, axe, world):
    call_command("import_broad_welfare")
    viewer = user_with_role(Role.MONITOR)
    log_in(page, viewer.email)
    start = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    page.goto(f"/monitor/?date_from={start}")
    main = page.locator("main")
    assert main.locator("svg.monitor-chart").first.is_visible()
    assert "Regiomonitor" in main.locator("h1").inner_text()
    completed = page.locator('#funnel-table tr[data-step="completed"] td').first.inner_text()
    assert completed == "10"
    for section in ("potential", "shortage", "network", "welfare-rabo"):
        assert main.locator(f"#{section}-table").is_visible(), section
    assert "Tekorten" in main.locator("#shortages-heading").inner_text()
    assert main.locator("svg[aria-labelledby^=welfare]").is_visible()
    assert wcag_violations(axe, page) == []

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Regional monitor" in page.locator("main h1").inner_text()
    assert page.locator("#municipality-table").is_visible()
    assert "Broad welfare" in page.locator("#welfare-heading").inner_text()
    assert page.locator("#well-being-table").is_visible()
    assert wcag_violations(axe, page) == []

    page.goto(f"/open-data/?year={timezone.localdate().year}")
    assert page.locator("main svg.monitor-chart").first.is_visible()
    cells = page.locator("#municipality-table td").all_inner_texts()
    assert all(not (c.isdigit() and 1 <= int(c) <= 9) for c in cells)
    assert wcag_violations(axe, page) == []


def test_filters_narrow_the_monitor_by_keyboard_stay_in_the_url_and_the_map_shows(page, axe, world):
    viewer = user_with_role(Role.MONITOR)
    log_in(page, viewer.email)
    start = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    page.goto(f"/monitor/?date_from={start}")
    main = page.locator("main")
    assert main.locator('svg.monitor-map path[data-municipality="GM0164"]').is_visible()
    assert main.locator("svg.monitor-map path").count() == 2  # Twente's two, not Aalten

    municipality = main.get_by_role("combobox", name="Gemeente")
    municipality.select_option("GM0164")
    main.locator("form.monitor-filter button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the filter form works from the keyboard
    assert "municipality=GM0164" in page.url
    hengelo_completed = sum(1 for i in range(10) if i % 3 == 0)
    completed = page.locator('#funnel-table tr[data-step="completed"] td').first.inner_text()
    assert completed == str(hengelo_completed)
    assert page.locator("#municipality-table tbody tr").count() == 1
    assert wcag_violations(axe, page) == []

    shared = page.url  # the same view from the address alone
    page.goto("/")
    page.goto(shared)
    assert municipality.input_value() == "GM0164"
    assert page.locator('#funnel-table tr[data-step="completed"] td').first.inner_text() == (
        str(hengelo_completed)
    )
    if os.environ.get("MONITOR_SCREENSHOT"):
        page.screenshot(path=os.environ["MONITOR_SCREENSHOT"], full_page=True)
