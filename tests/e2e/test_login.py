"""Logging in: every role lands on its own start page; a wrong password gives a clear error."""

import pytest
from django.utils import translation

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.ui.start_pages import start_page_for

from .helpers import log_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_logs_in_and_sees_its_start_page(page, role):
    user = user_with_role(role)
    with translation.override("nl"):
        expected_heading = str(start_page_for(user).title)
        log_out = translation.pgettext("account", "Log out")

    log_in(page, user.email)

    assert page.url.endswith("/start/")
    heading = page.locator("main h1")
    assert heading.get_attribute("data-role") == role
    # The monitor names its region after the title ("Regiomonitor: Twente").
    assert heading.inner_text().strip().startswith(expected_heading)
    assert page.locator("nav[aria-label] a[aria-current=page]").inner_text().strip() == "Start"
    assert page.get_by_role("button", name=log_out).is_visible()


def test_wrong_password_shows_an_error_and_stays_on_the_login_page(page):
    user = user_with_role(Role.PARTICIPANT)

    log_in(page, user.email, password="not-the-password")

    assert page.url.endswith("/account/login/")
    summary = page.get_by_role("alert")
    assert summary.is_visible()
    with translation.override("nl"):
        message = translation.gettext("This e-mail address and password do not match an account.")
    assert message in summary.inner_text()
    assert page.locator("#id_username").input_value() == user.email
    assert page.locator("#id_password").input_value() == ""


def test_missing_fields_are_marked_invalid_and_described(page):
    page.goto("/account/login/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    for field in ("id_username", "id_password"):
        control = page.locator(f"#{field}")
        assert control.get_attribute("aria-invalid") == "true"
        described_by = control.get_attribute("aria-describedby").split()
        assert f"{field}_error" in described_by
        error = page.locator(f"#{field}_error")
        assert error.is_visible() and error.inner_text().strip()
    # The error summary links to the fields.
    summary_links = page.get_by_role("alert").locator("a")
    assert summary_links.count() == 2
    summary_links.first.click()
    assert page.evaluate("document.activeElement.id") == "id_username"
