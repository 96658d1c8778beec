"""The staff admin: users with their roles, organisations, memberships, municipalities and
funding streams can all be managed there, in Dutch."""

import pytest
from django import forms
from django.contrib import admin
from django.test import Client, RequestFactory
from django.utils import translation

from tests.factories import MunicipalityFactory, OrganisationFactory, user_with_role
from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import OrganisationKind, Role

pytestmark = pytest.mark.django_db

PAGES = [
    "accounts/user",
    "accounts/membership",
    "organisations/organisation",
    "region/municipality",
    "region/labourmarketregion",
    "funding/fundingstream",
    "funding/scheme",
]


@pytest.fixture
def admin_client():
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(User.objects.create_superuser("beheer@example.org", "x" * 12))
    return client


@pytest.mark.parametrize("page", PAGES)
def test_every_setup_page_opens_for_the_administrator(admin_client, page):
    assert admin_client.get(f"/admin/{page}/").status_code == 200
    assert admin_client.get(f"/admin/{page}/add/").status_code == 200


def test_other_roles_do_not_get_into_the_admin():
    client = Client()
    client.force_login(user_with_role(Role.FUND_OFFICER))
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_user_with_a_role_is_added_in_one_form(admin_client):
    fund = OrganisationFactory(kind=OrganisationKind.FUND)
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Anke@Fonds.example",
            "full_name": "Anke Oude Luttikhuis",
            "preferred_language": "nl",
            "usable_password": "true",
            "password1": "een-lang-wachtwoord-2026",
            "password2": "een-lang-wachtwoord-2026",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-role": Role.FUND_OFFICER,
            "memberships-0-organisation": fund.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="anke@fonds.example")
    assert user.check_password("een-lang-wachtwoord-2026")
    assert user.roles == {Role.FUND_OFFICER}
    assert not user.is_staff  # the admin site stays for administrators


def test_a_role_in_the_wrong_kind_of_organisation_is_refused_in_dutch(admin_client):
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER)
    person = User.objects.create_user("iemand@example.org", "x" * 12)
    response = admin_client.post(
        "/admin/accounts/membership/add/",
        {"user": person.pk, "role": Role.ADVISOR, "organisation": provider.pk},
    )
    assert response.status_code == 200
    assert "Deze rol hoort bij een organisatie van het soort" in response.content.decode()
    assert not Membership.objects.exists()


def test_an_organisation_gets_its_staff_in_the_same_form(admin_client):
    municipality = MunicipalityFactory()
    person = User.objects.create_user("adviseur@example.org", "x" * 12)
    response = admin_client.post(
        "/admin/organisations/organisation/add/",
        {
            "name": "Leerwerkloket Twente",
            "kind": OrganisationKind.ADVICE,
            "municipality": municipality.pk,
            "kvk_number": "",
            "email": "",
            "website": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": person.pk,
            "memberships-0-role": Role.ADVISOR,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert person.memberships.get().organisation.name == "Leerwerkloket Twente"


# Words that are the same in Dutch and English.
SAME_IN_BOTH = {"status", "scan", "scans", "api-tokens", "api tokens", "items"}


def names_in(language, admin_user) -> dict:
    """The admin index's names: app label → app name, (app label, model) → model name."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    names = {}
    with translation.override(language):
        for app in admin.site.get_app_list(request):
            names[app["app_label"]] = str(app["name"])
            for model in app["models"]:
                names[(app["app_label"], model["object_name"])] = str(model["name"])
    return names


def test_the_admin_index_is_dutch_throughout_third_party_apps_included():
    administrator = User.objects.create_superuser("beheer@example.org", "x" * 12)
    english, dutch = names_in("en", administrator), names_in("nl", administrator)
    untranslated = sorted(
        f"{key}: {name}"
        for key, name in english.items()
        if dutch[key] == name and name.lower() not in SAME_IN_BOTH
    )
    assert not untranslated, untranslated
    assert dutch["axes"] == "Inlogpogingen"
    assert dutch[("otp_totp", "TOTPDevice")] == "TOTP-apparaten (authenticator-apps)"
    assert dutch[("axes", "AccessAttempt")] == "Inlogpogingen"


def test_the_admin_scripts_speak_dutch(admin_client):
    script = admin_client.get("/admin/jsi18n/").content.decode()
    assert "Kies %s door ze te selecteren" in script  # the two-box select of e.g. schemes
    assert "Geselecteerde %s verwijderen" in script


def test_every_admin_reads_a_web_address_without_scheme_as_https():
    """Each URLField in the admin (an organisation's website, a scan instrument's link) takes
    "zorgacademie.nl" as https://zorgacademie.nl, not http://."""
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("url@example.org", "x" * 12)
    checked = []
    for model, model_admin in admin.site._registry.items():
        form = model_admin.get_form(request)
        for name, field in form.base_fields.items():
            if isinstance(field, forms.URLField):
                assert field.clean("zorgacademie.nl") == "https://zorgacademie.nl", (model, name)
                checked.append(f"{model._meta.label}.{name}")
    assert {"organisations.Organisation.website", "scan.Instrument.url"} <= set(checked)
