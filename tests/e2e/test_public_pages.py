"""The public pages by clicking only, in Dutch and in English: who can apply from the home page,
the privacy statement from the sign-up consent (the version the checkbox names) and the
accessibility statement from the footer; every page axe-clean."""

import pytest
from django.utils import translation

from tests.factories import SchemeFactory
from vakmanschap.people import privacy_statements

from .helpers import wcag_violations

pytestmark = pytest.mark.e2e


def translated(language: str, text: str, context: str = "") -> str:
    with translation.override(language):
        return translation.pgettext(context, text) if context else translation.gettext(text)


def open_home_in(page, language: str):
    page.goto("/")
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


def click(locator, page):
    locator.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_from_the_home_page_to_the_rules_the_privacy_statement_and_accessibility(
    page, axe, language
):
    SchemeFactory(name="TFVV 2026", max_amount_cents=250_000)
    open_home_in(page, language)

    click(
        page.locator("main").get_by_role(
            "link", name=translated(language, "Who can apply: the rules of the scheme")
        ),
        page,
    )
    assert page.url.endswith("/who-can-apply/")
    assert {"nl": "€ 2.500,00", "en": "€2,500.00"}[language] in page.locator(
        "#rule-amount"
    ).inner_text()
    assert wcag_violations(axe, page) == []

    page.goto("/")
    click(
        page.locator("main").get_by_role(
            "link", name=translated(language, "Sign up", "front door"), exact=True
        ),
        page,
    )
    version = privacy_statements.current().version
    consent_link = page.locator("#id_consent_help a")
    assert version in page.locator("label[for=id_consent]").inner_text()
    click(consent_link, page)
    assert page.url.endswith(f"/privacy-statement/{version}/")
    assert version in page.locator("#statement-version").inner_text()
    assert wcag_violations(axe, page) == []

    footer = page.locator("footer")
    click(footer.get_by_role("link", name=translated(language, "Accessibility statement")), page)
    assert page.url.endswith("/accessibility/")
    assert page.locator("html").get_attribute("lang") == language
    assert wcag_violations(axe, page) == []

    click(page.locator("footer").get_by_role("link", name=translated(language, "Contact")), page)
    assert page.url.endswith("/contact/")
    assert wcag_violations(axe, page) == []
