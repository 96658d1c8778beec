import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from
# the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_ALL = os.environ.get("VAKMANSCHAP_REQUIRE_ALL_TESTS") == "1"


def skip_or_fail(reason: str):
    """In CI (VAKMANSCHAP_REQUIRE_ALL_TESTS=1) a missing PostgreSQL or browser is a failure."""
    if REQUIRE_ALL:
        pytest.fail(f"Required test could not run: {reason}")
    pytest.skip(reason)


def shared_data(*parts: str) -> Path:
    """A path in the reference data (settings.SHARED_DIR, i.e. ../shared). When it is missing the
    test is skipped, and in CI (VAKMANSCHAP_REQUIRE_ALL_TESTS=1) it fails."""
    from django.conf import settings

    path = Path(settings.SHARED_DIR, *parts)
    if not path.exists():
        skip_or_fail(f"reference data not found: {path} (VAKMANSCHAP_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """SQLite runs use a test database file, not memory: the browser tests' live server answers
    requests on several threads (htmx loads parts of a page at once), and an in-memory database
    would be one connection shared between them."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )


@pytest.fixture(autouse=True)
def _same_fake_names_every_run():
    """Factories draw fake Dutch names; a fixed seed per test keeps a test's data, and so its
    outcome, the same in every run and in every order."""
    import factory.random

    factory.random.reseed_random("vakmanschap")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_two_factor_by_default(settings):
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _local_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def postgres_only(db):
    """PostgreSQL-only tests skip in the SQLite run; `make test` runs the suite again on
    PostgreSQL, and fails when it cannot (VAKMANSCHAP_REQUIRE_ALL_TESTS=1, see Makefile)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass (VAKMANSCHAP_TEST_POSTGRES=1)")


@pytest.fixture
def pinned_queries(django_assert_num_queries):
    """`with pinned_queries("caseload, advisor"):` fails unless the block runs exactly the
    number of SQL queries pinned in tests/query_counts.py."""
    from contextlib import contextmanager

    from tests.query_counts import QUERY_COUNTS

    @contextmanager
    def pinned(name: str):
        with django_assert_num_queries(QUERY_COUNTS[name]):
            yield

    return pinned


@pytest.fixture(scope="session")
def oidc_provider_process():
    """The real OpenID provider (django-oauth-toolkit) in its own process, for the session."""
    from vakmanschap.testing.oidc_provider import harness

    provider = harness.start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_provider(oidc_provider_process, settings):
    """DigiD and eHerkenning configured against the running test provider."""
    from vakmanschap.accounts import oidc

    settings.LOGIN_PROVIDERS = ["password", "digid", "eherkenning"]
    settings.OIDC_PROVIDERS = {
        key: {**conf, **oidc_provider_process.settings_for(key)}
        for key, conf in settings.OIDC_PROVIDERS.items()
    }
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {
            **policy["DIRECTIVES"],
            "form-action": ["'self'", f"http://127.0.0.1:{oidc_provider_process.port}"],
        },
    }
    oidc._discovery_cache.clear()
    return oidc_provider_process
