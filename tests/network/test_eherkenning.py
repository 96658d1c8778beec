"""eHerkenning through the real test provider: staff login, joining a known company with a
colleague's confirmation, a new company registering itself with the fund's approval."""

import pytest
from auditlog.models import LogEntry
from django.test import Client

from tests.accounts.oidc_helpers import callback_path, sign_in_at_provider
from tests.factories import OrganisationFactory, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.network.eherkenning import subject_key
from vakmanschap.network.models import EHerkenningLink, NetworkMembership, SelfRegistration
from vakmanschap.organisations.models import Organisation
from vakmanschap.testing.oidc_provider.identities import DEMO_EMPLOYER_KVK

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def company():
    return OrganisationFactory(
        kind=OrganisationKind.EMPLOYER, kvk_number=DEMO_EMPLOYER_KVK, name="Hof van Twente"
    )


@pytest.fixture
def joost(company):
    user = user_with_role(Role.EMPLOYER_STAFF, company, full_name="Joost Kamphuis")
    EHerkenningLink.objects.create(
        organisation=company,
        subject_key=subject_key(DEMO_EMPLOYER_KVK, "joost-kamphuis-hof-van-twente"),
        acting_name="Joost Kamphuis",
        user=user,
        confirmed_at="2026-01-01T00:00:00Z",
    )
    return user


def log_in(browser, identity):
    start = browser.get("/account/login/eherkenning/")
    assert start.status_code == 302
    return browser.get(callback_path(sign_in_at_provider(start["Location"], identity)))


def test_known_staff_logs_in_and_sees_their_company(
    oidc_provider, browser, joost, company, settings
):
    settings.TWO_FACTOR_REQUIRED = True  # eHerkenning level 3 counts as the second factor
    assert log_in(browser, "joost").status_code == 302
    page = browser.get(f"/network/employers/{company.pk}/")
    assert page.status_code == 200 and "Hof van Twente" in page.content.decode()
    entry = LogEntry.objects.filter(additional_data__event="login").get()
    assert entry.additional_data["means"] == "eherkenning"
    assert entry.additional_data["level"].endswith("loa3")


def test_staff_of_another_company_gets_404(oidc_provider, browser, joost):
    other = OrganisationFactory(kind=OrganisationKind.EMPLOYER, kvk_number="91000077")
    log_in(browser, "joost")
    assert browser.get(f"/network/employers/{other.pk}/").status_code == 404


def test_new_person_of_known_company_waits_until_a_colleague_confirms(
    oidc_provider, browser, joost, company
):
    answer = log_in(browser, "collega")
    assert answer.status_code == 200
    assert "_auth_user_id" not in browser.session
    link = EHerkenningLink.objects.get(acting_name="Mila Stegeman")
    assert link.confirmed_at is None and link.organisation == company

    # Staff of another company cannot confirm (404), a colleague can.
    stranger = user_with_role(
        Role.EMPLOYER_STAFF, OrganisationFactory(kind=OrganisationKind.EMPLOYER)
    )
    outsider = Client()
    outsider.force_login(stranger)
    url = f"/network/employers/{company.pk}/eherkenning/{link.pk}/confirm/"
    assert outsider.post(url).status_code == 404
    colleague = Client()
    colleague.force_login(joost)
    assert colleague.post(url).status_code == 302
    link.refresh_from_db()
    assert link.confirmed_by == joost

    assert log_in(Client(HTTP_HOST="127.0.0.1"), "collega").status_code == 302
    assert link.user.has_role(Role.EMPLOYER_STAFF)


def test_new_company_registers_itself_and_the_fund_approves(oidc_provider, browser):
    assert log_in(browser, "nieuwbedrijf").status_code == 302
    company = Organisation.objects.get(kvk_number="91000099")
    assert company.name == "Houtbouw Twente B.V." and company.kind == OrganisationKind.EMPLOYER
    registration = SelfRegistration.objects.get(organisation=company)
    assert registration.approved_at is None
    page = browser.get(f"/network/employers/{company.pk}/").content.decode()
    assert "goedkeuren" in page or "approve" in page
    # The pledge waits for the fund's approval.
    pledge = {"development_conversation": "on"}
    assert browser.post(f"/network/employers/{company.pk}/pledge/", pledge).status_code == 302
    assert not NetworkMembership.objects.filter(organisation=company).exists()

    employer_staff = Client()
    employer_staff.force_login(user_with_role(Role.EMPLOYER_STAFF, company))
    url = f"/network/employers/{company.pk}/approve/"
    assert employer_staff.post(url).status_code == 403
    fund = Client()
    fund.force_login(user_with_role(Role.FUND_OFFICER))
    assert fund.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.approved_at is not None
    browser.post(f"/network/employers/{company.pk}/pledge/", pledge)
    assert NetworkMembership.objects.filter(organisation=company).exists()


@pytest.mark.parametrize(
    ("identity", "reason"),
    [("zonder-nummer-eh", "missing_kvk"), ("laag-niveau-eh", "level_too_low")],
)
def test_refusals(oidc_provider, browser, company, identity, reason):
    answer = log_in(browser, identity)
    assert answer.status_code == 403
    assert "_auth_user_id" not in browser.session
    assert not EHerkenningLink.objects.exists()
    event = LogEntry.objects.filter(additional_data__event="login_refused").get()
    assert event.additional_data["reason"] == reason
    assert event.additional_data["means"] == "eherkenning"
