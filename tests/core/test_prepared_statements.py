"""PostgreSQL gets the values apart from the SQL, and prepares what a connection runs often
(conf/base.py, docs/decisions.md): the settings per environment variable, and on a real
PostgreSQL that a repeated query is parsed and planned once."""

import pytest
from django.db import connection

from tests.core.test_settings import production_env, vakmanschap
from vakmanschap.accounts.models import User

PRINT_OPTIONS = (
    "from django.conf import settings; "
    "options = settings.DATABASES['default'].get('OPTIONS', {}); "
    "print(options.get('server_side_binding'), options.get('prepare_threshold', 'absent'))"
)
POSTGRES_URL = "postgres://vakmanschap@db.invalid:5432/vakmanschap"  # never connected to


@pytest.mark.parametrize(
    ("changes", "printed"),
    [
        ({}, "True 5"),
        ({"DATABASE_PREPARE_THRESHOLD": "2"}, "True 2"),
        ({"DATABASE_PREPARE_THRESHOLD": "0"}, "True None"),  # bound apart, never prepared
        ({"DATABASE_SERVER_SIDE_BINDING": "off"}, "None absent"),  # psycopg binds in Python
    ],
)
def test_postgresql_binds_on_the_server_and_prepares_unless_told_not_to(tmp_path, changes, printed):
    env = production_env(tmp_path, DATABASE_URL=POSTGRES_URL, **changes)
    done = vakmanschap(env, "shell", "--no-imports", "-c", PRINT_OPTIONS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == printed


def test_sqlite_gets_no_postgresql_options(tmp_path):
    done = vakmanschap(production_env(tmp_path), "shell", "--no-imports", "-c", PRINT_OPTIONS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None absent"


@pytest.mark.django_db
def test_a_query_run_often_is_prepared_once_and_still_reads_fresh_rows(postgres_only):
    assert connection.features.uses_server_side_binding
    active_emails = User.objects.filter(is_active=True).values_list("email", flat=True)
    User.objects.create_user("first@example.org")
    for _ in range(6):  # psycopg prepares after 5 runs (prepare_threshold)
        list(active_emails.all())
    User.objects.create_user("second@example.org")
    assert sorted(active_emails.all()) == ["first@example.org", "second@example.org"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(
        '"accounts_user"."email"' in statement and "is_active" in statement
        for statement in prepared
    ), prepared
