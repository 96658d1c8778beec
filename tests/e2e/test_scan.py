"""An employer takes the social-innovation scan and reads its report, in a real browser."""

import pytest
from django.core.management import call_command

from tests.conftest import shared_data
from vakmanschap.accounts.models import User

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    shared_data("twente", "municipalities.csv")
    call_command("demo_data")


def test_werkgever_takes_the_scan_and_sees_radar_benchmark_and_advice(page, axe, demo):
    employer = User.objects.get(email="werkgever@demo.local").memberships.get().organisation
    log_in(page, "werkgever@demo.local", "demo")
    page.goto(f"/scan/employers/{employer.pk}/take/")
    statements = page.locator("fieldset.scan-statement")
    assert statements.count() >= 24
    for i in range(statements.count()):
        # Agree with most statements, disagree with the co-creation ones.
        statement = statements.nth(i)
        in_cocreation = (
            statement.locator("xpath=ancestor::section").get_attribute("aria-labelledby")
            == "dim-co-creatie"
        )
        statement.locator("input[type=radio]").nth(0 if in_cocreation else 3).check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"/scan/employers/{employer.pk}/report/")
    report = page.locator("main")
    assert report.locator("svg").first.is_visible()  # the radar chart
    assert report.locator("table").first.is_visible()  # its table alternative
    assert "mediaan" in report.inner_text().lower()  # the benchmark
    advice = [a.lower() for a in report.locator(".scan-advice h3").all_inner_texts()]
    assert "co-creatie" in advice  # the weakest dimension gets advice
    assert wcag_violations(axe, page) == []
