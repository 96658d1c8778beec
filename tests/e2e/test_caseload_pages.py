"""An advisor pages through a long caseload in the browser: next page, back to the first."""

import pytest

from tests.funding.conftest import FundWorld

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


def test_an_advisor_pages_through_everyone(page, axe):
    fund = FundWorld()
    for n in range(30):
        fund.participant(given_name=f"Persoon{n:02d}", email=f"p{n}@example.org")
    log_in(page, fund.advisor.email)
    page.goto("/people/?scope=all")
    rows = page.locator("main tbody tr")
    assert rows.count() == 25
    assert wcag_violations(axe, page) == []
    first_page = set(rows.all_inner_texts())

    page.locator("main .site-pagination").get_by_role("link", name="Volgende").click()
    page.wait_for_load_state()
    assert "scope=all" in page.url and "after=" in page.url
    second_page = set(rows.all_inner_texts())
    assert len(second_page) >= 5 and not first_page & second_page
    assert page.locator("main .site-pagination").get_by_role("link", name="Volgende").count() == 0

    page.locator("main .site-pagination").get_by_role("link", name="Eerste pagina").click()
    page.wait_for_load_state()
    assert set(rows.all_inner_texts()) == first_page
