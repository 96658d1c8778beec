"""A resident reads their own data as a page, from "My data", in Dutch and then in English."""

import pytest

from tests.funding.conftest import FundWorld
from tests.privacy.conftest import with_login
from tests.privacy.test_privacy import approved_plan, conversation

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


def test_a_resident_reads_their_data_in_both_languages(page, axe):
    fund = FundWorld()
    sanne = with_login(fund.participant())
    conversation(fund, sanne)
    approved_plan(fund, sanne)
    log_in(page, sanne.user.email)
    page.goto("/privacy/my-data/")
    page.get_by_role("link", name="Mijn gegevens bekijken").click()
    page.wait_for_load_state()
    main = page.locator("main")
    assert main.locator("h1").inner_text() == "Alles wat het fonds over u bewaart"
    headings = main.locator("h2").all_inner_texts()
    assert headings[:3] == ["Persoonsgegevens", "Loopbaangesprekken", "Scholingsplannen en cheques"]
    assert "€ 2.000,00" in main.inner_text() and "17 mei 1990" in main.inner_text()
    assert wcag_violations(axe, page) == []

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert main.locator("h1").inner_text() == "Everything the fund keeps about you"
    assert "€2,000.00" in main.inner_text() and "17 May 1990" in main.inner_text()
    assert wcag_violations(axe, page) == []
