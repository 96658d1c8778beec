"""The front door: from the home page a resident reaches the sign-up form by clicking only, in
Dutch and in English, and signs up."""

import pytest
from django.utils import translation

from tests.factories import MunicipalityFactory
from vakmanschap.people.models import Participant

from .helpers import follow_login_link, wcag_violations

pytestmark = pytest.mark.e2e


def open_home_in(page, language: str):
    page.goto("/")
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


def click_link(page, name: str):
    page.locator("main").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_from_the_home_page_to_a_finished_sign_up_by_clicking(page, axe, language, mailoutbox):
    MunicipalityFactory(name="Enschede")
    with translation.override(language):
        sign_up = translation.pgettext("front door", "Sign up")
    assert sign_up == {"nl": "Aanmelden", "en": "Sign up"}[language]

    open_home_in(page, language)
    assert wcag_violations(axe, page) == []
    click_link(page, sign_up)

    assert page.url.endswith("/sign-up/")
    assert wcag_violations(axe, page) == []
    page.fill("#id_given_name", "Sanne")
    page.fill("#id_family_name", "de Vries")
    page.fill("#id_birth_date", "1990-05-17")
    page.fill("#id_postcode", "7511 AB")
    page.select_option("#id_municipality", label="Enschede")
    page.fill("#id_email", f"sanne.{language}@example.org")
    page.select_option("#id_education_level", "mbo2")
    page.select_option("#id_work_situation", "part_time_wants_more")
    page.fill("#id_training_wish", "Ik wil verzorgende worden.")
    page.check("#id_consent")
    assert page.locator("#id_password").count() == 0  # no password to choose
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # The same page whether or not the address is known; the link comes by e-mail.
    assert page.url.endswith("/sign-up/sent/")
    assert wcag_violations(axe, page) == []
    (message,) = mailoutbox
    assert (
        message.subject == {"nl": "Bevestig uw aanmelding", "en": "Confirm your sign-up"}[language]
    )
    follow_login_link(page, message)
    assert page.url.endswith("/mine/")
    assert page.locator("html").get_attribute("lang") == language
    participant = Participant.objects.get(email=f"sanne.{language}@example.org")
    assert participant.user.email == participant.email
    assert wcag_violations(axe, page) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_how_it_works_and_the_login_page_lead_to_sign_up(page, axe, language):
    with translation.override(language):
        how_it_works_link = translation.gettext(
            "How it works: the steps, the costs and how long it takes"
        )
        how_it_works = translation.gettext("How it works")
        log_in = translation.pgettext("account", "Log in")
        sign_up_on_login = translation.pgettext("login page", "Sign up")
    assert sign_up_on_login == {"nl": "Meld u aan", "en": "Sign up"}[language]

    open_home_in(page, language)
    click_link(page, how_it_works_link)
    assert page.url.endswith("/how-it-works/")
    assert page.locator("main h1").inner_text().strip() == how_it_works
    assert page.locator("main ol li").count() == 6
    assert wcag_violations(axe, page) == []

    click_link(page, log_in)
    assert page.url.endswith("/account/login/")
    click_link(page, sign_up_on_login)
    assert page.url.endswith("/sign-up/")
    assert page.locator("#id_given_name").is_visible()
