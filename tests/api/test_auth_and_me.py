import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import PASSWORD, user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.api.models import ApiToken, hash_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def get_token(api, email, password=PASSWORD):
    return api.post("/api/v1/auth/token", {"email": email, "password": password}, format="json")


def test_token_then_me_shows_roles_and_organisations(api):
    user = user_with_role(Role.PROVIDER_STAFF, email="opl@example.org")
    response = get_token(api, "opl@example.org")
    assert response.status_code == 201
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    me = api.get("/api/v1/me").json()
    organisation = user.memberships.get().organisation
    assert me == {
        "email": "opl@example.org",
        "roles": ["provider_staff"],
        "organisations": [{"id": organisation.pk, "name": organisation.name, "kind": "provider"}],
    }


def test_tokens_are_stored_only_as_hashes(api):
    user_with_role(Role.ADVISOR, email="adv@example.org")
    token = get_token(api, "adv@example.org").json()["token"]
    record = ApiToken.objects.get()
    assert record.key_hash == hash_token(token) and token not in record.key_hash


def test_wrong_password_is_a_problem_document(api):
    user_with_role(Role.ADVISOR, email="adv@example.org")
    response = get_token(api, "adv@example.org", "wrong")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_validation_errors_name_the_fields_in_dutch(api):
    response = api.post(
        "/api/v1/auth/token", {"email": "geen-adres"}, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    body = response.json()
    assert response.status_code == 400
    assert set(body["errors"]) == {"email", "password"}
    assert "email" in body["detail"] and "password" in body["detail"]


def test_expired_or_unknown_tokens_are_refused(api):
    user = user_with_role(Role.ADVISOR)
    record, token = ApiToken.issue(user)
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api.get("/api/v1/me").status_code == 401
    ApiToken.objects.filter(pk=record.pk).update(expires_at=timezone.now() - datetime.timedelta(1))
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/me").status_code == 401


def test_anonymous_me_is_refused(api):
    response = api.get("/api/v1/me")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"


def test_openapi_schema_is_served(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/v1/me" in response.content.decode()
