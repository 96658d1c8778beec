"""Each request thread's database connection is kept without an age limit and opened before a
gunicorn worker takes requests (conf/base.py, core/preload.py, gunicorn.conf.py
`post_worker_init`)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from tests.core.test_prepared_statements import POSTGRES_URL
from tests.core.test_settings import production_env, vakmanschap
from vakmanschap.core import preload

PRINT_CONNECTION = (
    "from django.conf import settings; d = settings.DATABASES['default']; "
    "print(d['CONN_MAX_AGE'], d.get('CONN_HEALTH_CHECKS'), d['ENGINE'])"
)


@pytest.mark.parametrize(
    ("changes", "printed"),
    [
        ({}, "None True vakmanschap.core.postgresql"),  # kept open, checked before reuse
        ({"CONN_MAX_AGE": "300"}, "300 True vakmanschap.core.postgresql"),
        ({"CONN_MAX_AGE": "0"}, "0 True vakmanschap.core.postgresql"),  # one per request
        (
            {"DATABASE_URL": POSTGRES_URL + "?conn_max_age=30"},
            "30 True vakmanschap.core.postgresql",
        ),
    ],
)
def test_a_postgresql_connection_is_kept_without_an_age_limit_unless_told(
    tmp_path, changes, printed
):
    env = production_env(tmp_path, DATABASE_URL=POSTGRES_URL)
    env.update(changes)
    done = vakmanschap(env, "shell", "--no-imports", "-c", PRINT_CONNECTION)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == printed


def test_work_runs_once_on_each_thread_of_the_pool():
    with ThreadPoolExecutor(max_workers=4) as executor:
        idents = preload.on_each_thread(executor, 4, threading.get_ident)
    assert len(set(idents)) == 4


def test_work_not_done_in_time_is_left_running_and_reported_as_none():
    release = threading.Event()
    with ThreadPoolExecutor(max_workers=2) as executor:
        results = preload.on_each_thread(
            executor, 2, lambda: release.wait(5) and "late", timeout=0.2
        )
        release.set()
    assert results == [None, None]


@pytest.mark.django_db(transaction=True)
def test_every_request_thread_has_its_connection_open_before_the_first_request():
    with ThreadPoolExecutor(max_workers=3) as executor:
        try:
            assert preload.open_thread_connections(executor, 3) == 3
            opened = preload.on_each_thread(executor, 3, lambda: connection.connection is not None)
            assert opened == [True, True, True]
        finally:
            preload.on_each_thread(executor, 3, lambda: connection.close())


@pytest.mark.django_db  # lets pytest-django's guard through to the real connection attempt
def test_a_database_out_of_reach_is_logged_and_the_worker_still_starts(tmp_path, caplog):
    unreachable = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "no/db")}}
    )
    with ThreadPoolExecutor(max_workers=2) as executor:
        assert preload.open_thread_connections(executor, 2, handler=unreachable) == 0
    assert caplog.text.count("No database connection at start") == 2
