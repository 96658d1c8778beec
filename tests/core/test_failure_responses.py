"""Bad input and failures never give a 500 page: /healthz answers 503 JSON while the database is
away (a real broken connection, no mock); API errors, 429 and 500 included, are problem+json;
JSON bodies are limited in size and depth."""

import socket

import pytest
from django.db import connections
from django.urls import path
from rest_framework.test import APIClient

from tests.factories import PASSWORD, user_with_role
from vakmanschap.accounts.permissions import is_anyone
from vakmanschap.accounts.roles import Role
from vakmanschap.api.base import GuardedAPIView

PROBLEM = "application/problem+json"


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_away(transactional_db, tmp_path):
    """Point the connection at a database that is not there: a closed port on PostgreSQL, a
    file in a missing folder on SQLite. The real driver then fails to connect."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_unused_port()))
    else:
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    yield
    connection.close()
    connection.settings_dict.update(saved)


def test_healthz_answers_503_json_while_the_database_is_away(client, database_away):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": False, "migrations": False}


class Explodes(GuardedAPIView):
    permission_check = staticmethod(is_anyone)
    authentication_classes: list = []

    def get(self, request):
        raise RuntimeError("a bug")


urlpatterns = [path("api/v1/explodes", Explodes.as_view())]


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_failure_responses")
def test_an_unexpected_api_error_is_a_problem_document_without_traceback(caplog):
    response = APIClient().get("/api/v1/explodes")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert "a bug" not in response.content.decode()
    assert "a bug" in caplog.text  # the traceback goes to the log


@pytest.mark.django_db
def test_an_unknown_api_url_is_a_problem_document():
    response = APIClient().get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.django_db
def test_deeply_nested_json_is_a_400_not_a_500():
    body = "[" * 100_000 + "]" * 100_000
    response = APIClient().post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    modest = {"a": {"b": {"c": [[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]}}}
    response = APIClient().post("/api/v1/auth/token", modest, format="json")
    assert response.status_code == 400 and "genest" in response.json()["detail"]  # nested


@pytest.mark.django_db
def test_a_too_large_json_body_is_a_413_problem(settings):
    settings.API_MAX_BODY_BYTES = 1000
    body = {"email": "a@example.org", "password": "x" * 2000}
    response = APIClient().post("/api/v1/auth/token", body, format="json")
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM


@pytest.mark.django_db
def test_non_finite_json_numbers_are_refused():
    body = '{"email": "a@example.org", "password": NaN}'
    response = APIClient().post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_an_api_lockout_is_a_429_problem_document():
    user = user_with_role(Role.PARTICIPANT)
    api = APIClient()
    for _ in range(5):
        api.post("/api/v1/auth/token", {"email": user.email, "password": "wrong"}, format="json")
    response = api.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert int(response["Retry-After"]) > 0
