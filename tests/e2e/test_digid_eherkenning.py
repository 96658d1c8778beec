"""DigiD and eHerkenning in Chromium against the real test provider: log in at the provider's
page, see one's own data, log out here and at the provider (RP-initiated logout)."""

import pytest
from django.utils import timezone

from tests.accounts.oidc_helpers import sanne_registered_with_her_bsn
from tests.factories import OrganisationFactory, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.network.eherkenning import subject_key
from vakmanschap.network.models import EHerkenningLink
from vakmanschap.testing.oidc_provider.identities import DEMO_EMPLOYER_KVK

pytestmark = pytest.mark.e2e


@pytest.fixture
def rp_page(browser, live_server, transactional_db, oidc_provider):
    """A browser that may reach the site and the provider only. The site is addressed as
    127.0.0.1, the loopback address the provider admits on any port."""
    site = live_server.url.replace("localhost", "127.0.0.1")
    context = browser.new_context(base_url=site, locale="nl-NL")
    context.set_default_timeout(30_000)
    allowed = (site, f"http://127.0.0.1:{oidc_provider.port}")
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort(),
    )
    page = context.new_page()
    yield page
    context.close()


def sign_in_at_provider(page, username):
    page.get_by_label("Testidentiteit (gebruikersnaam)").fill(username)
    page.get_by_label("Wachtwoord").fill("test")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def log_out_both_ends(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/account/logged-out/")
    assert "U bent hier en bij de inlogdienst uitgelogd." in page.content()
    # The provider's session has ended too: logging in again asks for the identity.
    page.goto("/account/login/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    assert page.get_by_role("heading", name="Test-inlogdienst").is_visible()


def test_resident_logs_in_with_digid_sees_own_file_and_logs_out_at_both_ends(rp_page):
    user = user_with_role(Role.PARTICIPANT, full_name="Sanne de Vries")
    sanne_registered_with_her_bsn(user, training_wish="Verzorgende IG worden")

    rp_page.goto("/account/login/")
    rp_page.get_by_role("link", name="Inloggen met DigiD").click()
    assert "Dit is geen echte DigiD of eHerkenning." in rp_page.content()
    sign_in_at_provider(rp_page, "sanne")
    assert rp_page.url.endswith("/start/")
    rp_page.goto("/mine/")
    assert rp_page.get_by_role("heading", name="Waar u nu bent").is_visible()
    own_data = rp_page.request.get("/privacy/my-data/download/")
    assert own_data.ok and "Verzorgende IG worden" in own_data.text()

    log_out_both_ends(rp_page)


def test_employer_logs_in_with_eherkenning_sees_own_company_and_logs_out_at_both_ends(rp_page):
    company = OrganisationFactory(
        kind=OrganisationKind.EMPLOYER, kvk_number=DEMO_EMPLOYER_KVK, name="Hof van Twente"
    )
    joost = user_with_role(Role.EMPLOYER_STAFF, company, full_name="Joost Kamphuis")
    EHerkenningLink.objects.create(
        organisation=company,
        subject_key=subject_key(DEMO_EMPLOYER_KVK, "joost-kamphuis-hof-van-twente"),
        acting_name="Joost Kamphuis",
        user=joost,
        confirmed_at=timezone.now(),
    )

    rp_page.goto("/account/login/")
    rp_page.get_by_role("link", name="Inloggen met eHerkenning").click()
    sign_in_at_provider(rp_page, "joost")
    assert rp_page.url.endswith("/start/")
    rp_page.goto(f"/network/employers/{company.pk}/")
    assert rp_page.get_by_role("heading", name="Hof van Twente").is_visible()

    log_out_both_ends(rp_page)


def test_too_low_level_is_refused_with_a_way_back(rp_page):
    rp_page.goto("/account/login/")
    rp_page.get_by_role("link", name="Inloggen met DigiD").click()
    sign_in_at_provider(rp_page, "laag-niveau")
    assert rp_page.get_by_role("heading", name="Inloggen geweigerd").is_visible()
    assert "te laag betrouwbaarheidsniveau" in rp_page.content()
    rp_page.get_by_role("link", name="Terug naar de inlogpagina").click()
    assert rp_page.url.endswith("/account/login/")
