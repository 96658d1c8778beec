"""Drive a login at the real test provider, as a browser would, without a browser."""

import datetime
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from tests.factories import MunicipalityFactory
from vakmanschap.people import services
from vakmanschap.testing.oidc_provider.identities import PASSWORD, SANNE_BSN


def sanne_registered_with_her_bsn(user, **fields):
    """Sanne de Vries as a participant of `user`, registered with the test provider's BSN."""
    participant = services.register(
        bsn=SANNE_BSN,
        given_name="Sanne",
        family_name="de Vries",
        birth_date=datetime.date(1991, 4, 12),
        postcode="7511AB",
        municipality=MunicipalityFactory(),
        education_level="mbo2",
        work_situation="unemployed",
        consent_purpose="x",
        privacy_version="2026-1",
        **fields,
    )
    participant.user = user
    participant.save()
    return participant


def sign_in_at_provider(authorize_url: str, username: str) -> str:
    """Log in at the provider's login page as `username`; return the callback URL it sends
    the browser back to (with code and state)."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PASSWORD,
            "next": parse_qs(urlsplit(page.url).query)["next"][0],
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.status_code
    authorize = browser.get(
        urljoin(page.url, answer.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert authorize.status_code == 302, authorize.status_code
    return authorize.headers["Location"]


def callback_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"
