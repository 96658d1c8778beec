"""Drive a login at the real test provider, as a browser would, without a browser."""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from vakmanschap.testing.oidc_provider.identities import PASSWORD


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
