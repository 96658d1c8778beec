"""On a phone the menu folds away behind a disclosure button, so the content comes first."""

import pytest

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


def test_a_phone_shows_content_first_and_the_menu_on_request(page, axe):
    officer = user_with_role(Role.FUND_OFFICER)
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, officer.email)
    page.goto("/start/")
    toggle = page.get_by_role("button", name="Menu")
    menu = page.locator("#site-nav-list")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    # Before: the fund officer's menu took about 450 px before any content.
    assert page.locator("nav.site-nav").bounding_box()["height"] < 80
    assert page.locator("main h1").bounding_box()["y"] < 300
    assert wcag_violations(axe, page) == []

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    assert menu.get_by_role("link").count() >= 5
    assert wcag_violations(axe, page) == []
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()


def test_a_wide_screen_shows_the_menu_without_a_button(page):
    officer = user_with_role(Role.FUND_OFFICER)
    log_in(page, officer.email)
    page.goto("/start/")
    assert page.locator("#site-nav-list").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
