"""An id too large for any column (beyond a 64-bit integer) in any URL answers 404 or a
refusal, never a 500: on SQLite the driver cannot even bind it, on PostgreSQL it is compared
as a numeric. Every routed URL with a parameter is walked, GET and POST, for staff roles of
each kind, so a new URL is covered without editing this file."""

import pytest

from tests.core.test_generated_matrix import (
    SKIPPED_PREFIXES,
    client_for,
    concrete_urls,
    url_patterns,
)
from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role

pytestmark = pytest.mark.django_db

HUGE_IDS = [99999999999999999999]


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.FUND_OFFICER, Role.PROVIDER_STAFF])
def test_an_id_beyond_64_bits_never_gives_a_server_error(role):
    client = client_for(user_with_role(role))
    problems, walked = [], 0
    for route, _callback in url_patterns():
        if route.startswith(SKIPPED_PREFIXES) or "<" not in route:
            continue
        for url in concrete_urls(route, HUGE_IDS):
            for method in ("get", "post"):
                walked += 1
                status = getattr(client, method)(url).status_code
                if status >= 500:
                    problems.append((method.upper(), url, status))
    assert walked > 100
    assert problems == []
