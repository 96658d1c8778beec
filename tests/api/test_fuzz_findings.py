"""Cases the schemathesis run found: each answered 500 or HTML before it was fixed."""

from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.api.models import ApiToken
from vakmanschap.funding.models import BudgetPeriod, FundingStream

pytestmark = pytest.mark.django_db


def client_for(role) -> APIClient:
    api = APIClient()
    token = ApiToken.issue(user_with_role(role))[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="nl")
    return api


def test_a_second_period_with_the_same_start_is_refused_naming_the_field():
    fund = client_for(Role.FUND_OFFICER)
    body = {
        "name": "Regio Deal Twente",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "allocated_cents": 100,
    }
    assert fund.post("/api/v1/funding-streams", body, format="json").status_code == 201
    again = fund.post("/api/v1/funding-streams", body, format="json")
    assert again.status_code == 400
    assert again["Content-Type"] == "application/problem+json"
    assert list(again.json()["errors"]) == ["period_start"]
    assert "startdatum" in again.json()["errors"]["period_start"][0]
    assert FundingStream.objects.count() == 1 and BudgetPeriod.objects.count() == 1


@pytest.mark.parametrize(
    "path", ["/api/v1/plans/abc/submit", "/api/v1/employers/-3/scans", "/api/v1/nothing-here"]
)
def test_an_api_url_that_matches_no_operation_answers_problem_json(path):
    response = client_for(Role.FUND_OFFICER).post(path, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_a_multipart_write_with_an_idempotency_key_is_replayed_not_a_500():
    fund = client_for(Role.FUND_OFFICER)
    body = {
        "name": "Regio Deal Twente",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "allocated_cents": "100",
    }
    first = fund.post(
        "/api/v1/funding-streams", body, format="multipart", HTTP_IDEMPOTENCY_KEY="k1"
    )
    again = fund.post(
        "/api/v1/funding-streams", body, format="multipart", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    other = dict(body, name="Andere stroom")
    reused = fund.post(
        "/api/v1/funding-streams", other, format="multipart", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert reused.status_code == 422
    assert BudgetPeriod.objects.count() == 1


def test_a_nul_character_in_a_form_encoded_lookup_is_refused_not_a_500():
    """The JSON parser refuses NUL; a form-encoded body reached the lookup, and PostgreSQL
    refuses NUL even inside a query: a code or URI holding one answered 500."""
    form = "application/x-www-form-urlencoded"
    advisor = client_for(Role.ADVISOR)
    plan = advisor.post(
        "/api/v1/plans", urlencode({"target_occupation": "http://x/\x00y"}), content_type=form
    )
    assert plan.status_code == 400 and "target_occupation" in plan.json()["errors"]
    person = advisor.post(
        "/api/v1/participants", urlencode({"municipality_code": "GM0153\x00"}), content_type=form
    )
    assert person.status_code == 400 and "municipality_code" in person.json()["errors"]
    region = APIClient().get("/api/v1/open-data/summary", {"region": "twente\x00"})
    assert region.status_code == 404
    assert region["Content-Type"] == "application/problem+json"
