"""DigiD through the real test provider: redirect, login, refusals, audit."""

from urllib.parse import parse_qs, urlsplit

import pytest
from auditlog.models import LogEntry
from django.test import Client

from tests.accounts.oidc_helpers import (
    callback_path,
    sanne_registered_with_her_bsn,
    sign_in_at_provider,
)
from vakmanschap.accounts.roles import Role
from vakmanschap.testing.oidc_provider.identities import SANNE_BSN

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    # The provider admits loopback redirect URIs on any port (RFC 8252).
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def sanne(django_user_model):
    user = django_user_model.objects.create_user("sanne@example.org", "x", full_name="Sanne")
    user.memberships.create(role=Role.PARTICIPANT)
    sanne_registered_with_her_bsn(user)
    return user


def start(browser, path="/account/login/digid/"):
    answer = browser.get(path)
    assert answer.status_code == 302
    return answer["Location"]


def test_login_redirects_to_the_provider_with_pkce_state_and_nonce(oidc_provider, browser):
    location = start(browser)
    parts = urlsplit(location)
    query = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{oidc_provider.issuer}/authorize/"
    assert query["response_type"] == ["code"]
    assert "openid" in query["scope"][0].split()
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["client_id"] == ["vakmanschap-digid"]


def test_eherkenning_login_redirects_too(oidc_provider, browser):
    query = parse_qs(urlsplit(start(browser, "/account/login/eherkenning/")).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"][0]
    assert query["client_id"] == ["vakmanschap-eherkenning"]


def test_not_configured_answers_404(browser, settings):
    settings.LOGIN_PROVIDERS = ["password"]
    assert browser.get("/account/login/digid/").status_code == 404


def test_resident_logs_in_with_digid_and_audit_has_means_and_level(oidc_provider, browser, sanne):
    back = sign_in_at_provider(start(browser), "sanne")
    answer = browser.get(callback_path(back))
    assert answer.status_code == 302
    assert browser.get("/account/").context["user"] == sanne
    entry = LogEntry.objects.filter(additional_data__event="login").get()
    assert entry.additional_data["means"] == "digid"
    assert entry.additional_data["level"].endswith("Smartcard")
    everything = str(
        list(LogEntry.objects.values_list("additional_data", "changes", "object_repr"))
    )
    assert SANNE_BSN not in everything


def test_unknown_resident_goes_to_sign_up_with_bsn_bound(oidc_provider, browser):
    answer = browser.get(callback_path(sign_in_at_provider(start(browser), "nieuw")))
    assert answer.status_code == 302 and answer["Location"] == "/sign-up/"
    assert len(browser.session["digid_sign_up_identity"]) == 64
    assert "_auth_user_id" not in browser.session


def assert_refused(browser, answer, reason):
    assert answer.status_code == 403
    assert "_auth_user_id" not in browser.session
    text = answer.content.decode()
    assert 'href="/account/login/"' in text
    assert SANNE_BSN not in text
    event = LogEntry.objects.filter(additional_data__event="login_refused").get()
    assert event.additional_data["reason"].startswith(reason)
    assert event.additional_data["means"] == "digid"
    assert not LogEntry.objects.filter(additional_data__event="login").exists()


def test_wrong_state_is_refused(oidc_provider, browser, sanne):
    back = sign_in_at_provider(start(browser), "sanne")
    forged = back.replace("state=", "state=x")
    assert_refused(browser, browser.get(callback_path(forged)), "wrong_state")


def test_answer_without_a_login_started_is_refused(oidc_provider, browser, sanne):
    back = sign_in_at_provider(start(browser), "sanne")
    assert_refused(browser, Client(HTTP_HOST="127.0.0.1").get(callback_path(back)), "wrong_state")


def test_replayed_code_is_refused(oidc_provider, browser, sanne):
    back = sign_in_at_provider(start(browser), "sanne")
    browser.get(callback_path(back))
    browser.post("/account/logout/")
    LogEntry.objects.all().delete()
    # A new login of the same browser, answered with the old (used) code.
    new_state = parse_qs(urlsplit(start(browser)).query)["state"][0]
    old = parse_qs(urlsplit(back).query)
    replay = f"/account/login/digid/callback/?code={old['code'][0]}&state={new_state}"
    assert_refused(browser, browser.get(replay), "token_refused")


@pytest.mark.parametrize(
    ("identity", "reason"),
    [
        ("fout-handtekening", "id_token_invalid"),
        ("fout-uitgever", "id_token_invalid"),
        ("fout-publiek", "id_token_invalid"),
        ("fout-nonce", "id_token_invalid"),
        ("verlopen", "id_token_invalid"),
        ("laag-niveau", "level_too_low"),
        ("zonder-nummer", "missing_bsn"),
    ],
)
def test_untrustworthy_answers_are_refused(oidc_provider, browser, sanne, identity, reason):
    answer = browser.get(callback_path(sign_in_at_provider(start(browser), identity)))
    assert_refused(browser, answer, reason)


def test_refusal_is_in_english_for_english_users(oidc_provider, browser, sanne):
    browser.cookies["django_language"] = "en"
    answer = browser.get(callback_path(sign_in_at_provider(start(browser), "laag-niveau")))
    assert "too low a level of assurance" in answer.content.decode()


def test_refusal_is_in_dutch_by_default(oidc_provider, browser, sanne):
    answer = browser.get(callback_path(sign_in_at_provider(start(browser), "laag-niveau")))
    assert "betrouwbaarheidsniveau" in answer.content.decode()


def test_logout_ends_the_session_at_the_provider_too(oidc_provider, browser, sanne):
    browser.get(callback_path(sign_in_at_provider(start(browser), "sanne")))
    answer = browser.post("/account/logout/")
    assert answer.status_code == 302
    parts = urlsplit(answer["Location"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{oidc_provider.issuer}/logout/"
    query = parse_qs(parts.query)
    assert query["post_logout_redirect_uri"] == ["http://127.0.0.1/account/logged-out/"]
    assert query["id_token_hint"][0].count(".") == 2
    assert "_auth_user_id" not in browser.session


def test_unreachable_provider_gets_a_clear_answer_not_a_500(oidc_provider, browser, settings):
    from vakmanschap.accounts import oidc
    from vakmanschap.testing.oidc_provider.harness import free_port

    settings.OIDC_PROVIDERS["digid"]["discovery_url"] = f"http://127.0.0.1:{free_port()}/x"
    oidc._discovery_cache.clear()
    answer = browser.get("/account/login/digid/")
    assert answer.status_code == 503
    assert "niet bereikbaar" in answer.content.decode()
    event = LogEntry.objects.filter(additional_data__event="login_refused").get()
    assert event.additional_data["reason"] == "provider_unreachable"
