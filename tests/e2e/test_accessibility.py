"""axe-core on the main pages: no WCAG 2.1 level A or AA violations."""

import pytest

from tests.factories import CourseFactory, user_with_role
from vakmanschap.accounts.roles import Role

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


def assert_accessible(axe, page):
    assert page.locator("html").get_attribute("lang") in ("nl", "en")
    violations = wcag_violations(axe, page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)


@pytest.mark.parametrize("path", ["/", "/account/login/", "/page-that-does-not-exist/"])
def test_public_pages(page, axe, path):
    response = page.goto(path)
    assert response.status == (404 if "does-not-exist" in path else 200)
    assert_accessible(axe, page)


def test_login_page_with_errors(page, axe):
    page.goto("/account/login/")
    page.fill("#id_username", "nobody@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_accessible(axe, page)

    page.fill("#id_password", "wrong-password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(axe, page)


@pytest.fixture
def administrator(transactional_db):
    return user_with_role(Role.ADMINISTRATOR)


@pytest.mark.parametrize(
    "path",
    [
        "/start/",
        "/catalogue/",
        "course",
        "/organisations/",
        "/audit/",
        "/audit/?date_from=2026-02-01&date_to=2026-01-01",
    ],
    ids=["start", "catalogue", "course-detail", "organisations", "audit", "audit-with-errors"],
)
def test_pages_of_a_logged_in_administrator(page, axe, administrator, path):
    course = CourseFactory(title="Verzorgende IG", description="Mbo-opleiding in de zorg.")
    CourseFactory(title="Monteur elektrotechniek", provider=course.provider)
    log_in(page, administrator.email)
    response = page.goto(f"/catalogue/{course.pk}/" if path == "course" else path)
    assert response.status == 200
    assert_accessible(axe, page)


def test_start_page_in_english_on_a_narrow_screen(page, axe):
    user = user_with_role(Role.ADVISOR)
    log_in(page, user.email)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.locator("html").get_attribute("lang") == "en"
    # Nothing sticks out sideways (WCAG 1.4.10 reflow).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(axe, page)
