"""The PostgreSQL backend's health check asks the server only when the socket says something
happened (vakmanschap/core/postgresql/base.py)."""

import time

import pytest
from django.db import connection, connections


@pytest.fixture
def own_connection(postgres_only):
    """A second connection to the test database, outside the test's transaction."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def _pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _last_statement(pid: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def test_postgresql_runs_on_the_projects_backend(postgres_only):
    assert connection.settings_dict["ENGINE"] == "vakmanschap.core.postgresql"


def test_a_quiet_idle_connection_is_usable_without_a_round_trip(own_connection):
    pid = _pid(own_connection)
    assert _last_statement(pid) == "SELECT pg_backend_pid()"
    assert own_connection.is_usable()
    assert _last_statement(pid) == "SELECT pg_backend_pid()"  # no SELECT 1 was sent


def test_a_connection_inside_a_transaction_is_asked(own_connection):
    pid = _pid(own_connection)
    own_connection.set_autocommit(False)
    with own_connection.cursor() as cursor:
        cursor.execute("SELECT 2")
    assert own_connection.is_usable()
    assert _last_statement(pid) == "SELECT 1"
    own_connection.rollback()
    own_connection.set_autocommit(True)


def test_a_connection_the_server_ended_is_found_unusable_and_replaced(own_connection):
    pid = _pid(own_connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while own_connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.01)  # the server's message and close reach the socket
    assert not own_connection.is_usable()
    own_connection.health_check_enabled, own_connection.health_check_done = True, False
    own_connection.close_if_health_check_failed()
    assert own_connection.connection is None
    assert _pid(own_connection) != pid  # a new connection, opened on demand
