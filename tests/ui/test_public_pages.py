"""The public pages: who can apply (from the scheme's rules), contact, the versioned privacy
statement and the accessibility statement; all public, in Dutch and English, in every footer."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, SchemeFactory
from vakmanschap.people import privacy_statements
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db

WHO_CAN_APPLY = reverse("ui:who_can_apply")
CONTACT = reverse("ui:contact")
PRIVACY = reverse("ui:privacy_statement")
ACCESSIBILITY = reverse("ui:accessibility_statement")
PUBLIC_PAGES = [WHO_CAN_APPLY, CONTACT, PRIVACY, ACCESSIBILITY]


def page_in(client, path: str, language: str = "nl") -> str:
    client.cookies["django_language"] = language
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, path
    return response.content.decode()


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(li|p|ul|dl)>', html, re.S)
    assert match, element_id
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_public_page_opens_without_login_and_every_footer_links_to_them(
    client, path, language
):
    html = page_in(client, path, language)
    footer = html.split("<footer", 1)[1]
    for public in PUBLIC_PAGES:
        assert f'href="{public}"' in footer
    assert f'<html lang="{language}"' in html


def test_who_can_apply_is_read_from_the_current_scheme_and_follows_its_changes(client):
    enschede = MunicipalityFactory()
    hengelo = MunicipalityFactory(cbs_code="GM0164", name="Hengelo")
    scheme = SchemeFactory(
        name="TFVV 2026", municipalities=[enschede, hengelo], max_amount_cents=250_000
    )
    html = page_in(client, WHO_CAN_APPLY)
    assert "TFVV 2026" in html
    assert text_of(html, "rule-residence").endswith("Enschede, Hengelo;")
    assert "€ 2.500,00" in text_of(html, "rule-amount")
    assert "18 jaar" in text_of(html, "rule-age") and "67 jaar en 3 maanden" in html
    assert "mbo-niveau 4" in text_of(html, "rule-level")
    priority = html.split('id="rule-priority"', 1)[1].split("</ul>", 1)[0]
    assert "Werkloos" in priority and "Statushouder" in priority
    assert "loopbaangesprek" in text_of(html, "rule-conversation")

    scheme.max_amount_cents = 320_050
    scheme.min_age = 21
    scheme.max_course_level = 3
    scheme.prioritise_target_groups = False
    scheme.requires_held_conversation = False
    scheme.save()
    scheme.municipalities.remove(hengelo)
    html = page_in(client, WHO_CAN_APPLY)
    assert "€ 3.200,50" in text_of(html, "rule-amount")
    assert "minstens 21 jaar" in text_of(html, "rule-age")
    assert "mbo-niveau 3" in text_of(html, "rule-level")
    assert text_of(html, "rule-residence").endswith("Enschede;")
    assert 'id="rule-priority"' not in html
    assert 'id="rule-conversation"' not in html


def test_who_can_apply_in_english_and_without_a_scheme(client):
    assert 'id="no-scheme"' in page_in(client, WHO_CAN_APPLY)
    SchemeFactory(max_amount_cents=125_000)
    html = page_in(client, WHO_CAN_APPLY, "en")
    assert "€1,250.00" in text_of(html, "rule-amount")
    assert "You can apply if" in html and "Unemployed" in html


def test_who_can_apply_shows_the_scheme_in_force_not_an_expired_one(client):
    SchemeFactory(
        name="Oud", valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2019, 12, 31)
    )
    assert 'id="no-scheme"' in page_in(client, WHO_CAN_APPLY)


@pytest.mark.parametrize(
    ("language", "hours"), [("nl", "werkdagen 9-17 uur"), ("en", "working days 9:00-17:00")]
)
def test_contact_shows_the_funds_details_from_settings(client, settings, language, hours):
    settings.FUND_NAME = "Fonds Proef"
    settings.FUND_ADDRESS = "Proefstraat 1, 7500 AA Enschede"
    settings.FUND_EMAIL = "vragen@proef.example"
    settings.FUND_PHONE = "053 123 45 67"
    settings.FUND_OPENING_HOURS = {"nl": "werkdagen 9-17 uur", "en": "working days 9:00-17:00"}
    details = text_of(page_in(client, CONTACT, language), "contact-details")
    for expected in ("Fonds Proef", "Proefstraat 1, 7500 AA Enschede", "053 123 45 67", hours):
        assert expected in details
    assert "vragen@proef.example" in details


def test_the_current_privacy_statement_follows_the_effective_dates():
    assert privacy_statements.current(datetime.date(2026, 6, 1)).version == "2026-1"
    assert privacy_statements.current(datetime.date(2026, 11, 30)).version == "2026-2"
    assert privacy_statements.current(datetime.date(2025, 1, 1)).version == "2026-1"
    dates = [s.effective_from for s in privacy_statements.VERSIONS]
    assert dates == sorted(dates) and len({s.version for s in privacy_statements.VERSIONS}) == len(
        dates
    )


def test_the_privacy_page_shows_the_current_version_and_keeps_earlier_ones_readable(client):
    current = privacy_statements.current()
    html = page_in(client, PRIVACY)
    assert f"Versie {current.version}" in text_of(html, "statement-version")
    assert "eerdere versie" not in html

    old = reverse("ui:privacy_statement_version", args=["2026-1"])
    assert f'href="{old}"' in html  # every earlier version is listed
    html = page_in(client, old, "en")
    assert "Version 2026-1" in text_of(html, "statement-version")
    assert "This is an earlier version" in html
    assert "What data we process" in html and "Invitations by e-mail" not in html

    newer = page_in(client, reverse("ui:privacy_statement_version", args=["2026-2"]), "en")
    assert "Invitations by e-mail" in newer


def test_an_unknown_privacy_version_is_not_found(client):
    response = client.get(reverse("ui:privacy_statement_version", args=["1999-9"]))
    assert response.status_code == 404


SIGN_UP = {
    "given_name": "Fatima",
    "family_name": "El Amrani",
    "birth_date": "1992-03-04",
    "postcode": "7511ab",
    "email": "fatima@example.org",
    "education_level": "vmbo",
    "work_situation": "status_holder",
    "consent": "on",
}


def test_the_sign_up_consent_names_links_and_stores_the_same_version(client):
    version = privacy_statements.current().version
    html = page_in(client, reverse("people:sign_up"))
    link = reverse("ui:privacy_statement_version", args=[version])
    assert f"privacyverklaring versie {version})" in html
    assert re.search(rf'<a class="utrecht-link" href="{link}">[^<]*{version}</a>', html)
    assert client.get(link).status_code == 200

    enschede = MunicipalityFactory()
    response = client.post(reverse("people:sign_up"), {**SIGN_UP, "municipality": enschede.pk})
    assert response.status_code == 302
    assert Participant.objects.get().privacy_version == version


def test_the_consent_link_is_tied_to_the_checkbox_as_its_description(client):
    html = page_in(client, reverse("people:sign_up"))
    checkbox = re.search(r'<input[^>]*id="id_consent"[^>]*>', html).group(0)
    assert 'aria-describedby="id_consent_help' in checkbox
