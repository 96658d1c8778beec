"""Switching language with one button, and using the site with the keyboard only."""

import pytest

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role

pytestmark = pytest.mark.e2e


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_language_switch_is_one_click_each_way(page):
    page.goto("/about/")
    assert html_lang(page) == "nl"
    switch = page.locator(".site-language button")
    assert switch.count() == 1

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert html_lang(page) == "en"
    assert page.url.endswith("/about/")  # stays on the same page
    assert page.locator("main h1").inner_text().strip() == "About this site"

    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert html_lang(page) == "nl"
    assert page.url.endswith("/about/")
    assert page.get_by_role("button", name="English").is_visible()


def focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   const box = el.getBoundingClientRect();
                   return {id: el.id, tag: el.tagName, href: el.getAttribute('href'),
                           text: el.innerText, top: box.top, left: box.left,
                           visible: box.width > 0 && box.height > 0 && box.bottom > 0,
                           outline: getComputedStyle(el).outlineStyle}; }"""
    )


def test_first_tab_reaches_the_visible_skip_link_which_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["href"] == "#main"
    assert skip["visible"] and skip["top"] >= 0, "the skip link must show when it has focus"
    assert skip["outline"] != "none", "focus must be visible"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_login_form_works_with_the_keyboard_only(page):
    user = user_with_role(Role.PARTICIPANT)
    page.goto("/account/login/")

    for _ in range(30):  # Tab until the e-mail field has focus (it may have it already)
        if page.evaluate("document.activeElement.id") == "id_username":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_url("**/start/")
    assert page.locator("main h1").get_attribute("data-role") == Role.PARTICIPANT
