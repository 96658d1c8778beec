"""A resident describes their work on the sign-up form (seeing the skills found while typing),
follows the e-mail's link, sees those skills on the skills checklist and confirms one; in Dutch
and in English."""

import pytest

from tests.factories import MunicipalityFactory
from tests.skills.care_and_technical import (
    CARE_TEXT,
    ELDERLY,
    write_esco_with_care_and_technical_skills,
)
from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import Concept
from vakmanschap.people.models import Participant
from vakmanschap.skills import loader
from vakmanschap.skills.models import PersonSkill, SkillStatus

from .helpers import follow_login_link, wcag_violations

pytestmark = pytest.mark.e2e

TEXTS = {
    "nl": {
        "field": "Beschrijf uw werk (niet verplicht)",
        "link": "U hebt uw werk beschreven: bekijk de vaardigheden die we vonden en vink aan "
        "wat bij u past",
        "elderly": "zorgen voor ouderen",
        "add": "Voeg de aangevinkte vaardigheden toe",
    },
    "en": {
        "field": "Describe your work (optional)",
        "link": "You described your work: see the skills we found and tick the ones that are yours",
        "elderly": "care for the elderly",
        "add": "Add the ticked skills",
    },
}


@pytest.fixture
def esco(settings, tmp_path, transactional_db):
    settings.VAR_DIR = tmp_path / "var"
    loader.reset()
    import_esco([write_esco_with_care_and_technical_skills(tmp_path / "esco")])
    yield Concept.objects.get(uri=ELDERLY)
    loader.reset()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sign_up_with_a_work_description_then_confirm_a_suggested_skill(
    page, axe, language, mailoutbox, esco
):
    text = TEXTS[language]
    MunicipalityFactory(name="Enschede")
    page.goto("/")
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    page.goto("/sign-up/")
    page.fill("#id_given_name", "Sanne")
    page.fill("#id_family_name", "de Vries")
    page.fill("#id_birth_date", "1990-05-17")
    page.fill("#id_postcode", "7511 AB")
    page.select_option("#id_municipality", label="Enschede")
    page.fill("#id_email", f"sanne.{language}@example.org")
    page.select_option("#id_education_level", "mbo2")
    page.select_option("#id_work_situation", "part_time_wants_more")
    page.get_by_label(text["field"]).fill(CARE_TEXT)
    preview = page.locator("#work-skill-suggestions li", has_text=text["elderly"])
    preview.wait_for()  # shown while typing (HTMX), to read only
    page.check("#id_consent")
    assert wcag_violations(axe, page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/sign-up/sent/")

    (message,) = mailoutbox
    follow_login_link(page, message)
    assert page.url.endswith("/mine/")
    page.locator("main").get_by_role("link", name=text["link"]).click()
    page.wait_for_load_state()
    assert page.url.endswith("/skills/mine/work/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("#id_work").input_value() == CARE_TEXT
    assert wcag_violations(axe, page) == []

    page.get_by_label(text["elderly"], exact=True).check()
    page.get_by_role("button", name=text["add"]).click()
    page.wait_for_load_state()
    participant = Participant.objects.get(email=f"sanne.{language}@example.org")
    recorded = PersonSkill.objects.get(participant=participant)
    assert (recorded.skill, recorded.status) == (esco, SkillStatus.ADDED)
    added = page.locator("section[aria-labelledby=mine-heading]").inner_text()
    assert text["elderly"] in added
    assert page.get_by_label(text["elderly"], exact=True).count() == 0  # no longer suggested
    assert wcag_violations(axe, page) == []
