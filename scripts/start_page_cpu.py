"""CPU per request of a resident's start page, in-process: production settings, Django's test
client, the app's CPU (`time.process_time`) and its PostgreSQL backend's (from /proc).

Run it against a throwaway cluster:

    .venv/bin/python -m vakmanschap.testing.with_postgres .venv/bin/python scripts/start_page_cpu.py --requests 400

It always uses the production settings; the secrets it needs are made up unless set. The static
files are collected once into STATIC_ROOT (default: a folder in the system's temporary
directory), as production's manifest needs them. --profile N prints the cProfile (CPU time) of N
requests instead, and writes it to START_PAGE_PROFILE (default start_page.prof).
"""

import argparse
import cProfile
import datetime
import os
import pstats
import secrets
import tempfile
import time

import psutil

os.environ["VAKMANSCHAP_ENV"] = "production"
for name, value in {
    "STATIC_ROOT": os.path.join(tempfile.gettempdir(), "vakmanschap-start-page-static"),
    "DJANGO_SETTINGS_MODULE": "vakmanschap.settings",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "VAKMANSCHAP_IDENTITY_HASH_KEY": secrets.token_urlsafe(32),
    "VAKMANSCHAP_CHEQUE_CODE_KEY": secrets.token_urlsafe(32),
    "FUND_IBAN": "NL91ABNA0417164300",
    "ALLOWED_HOSTS": "testserver",
    "LOG_LEVEL": "ERROR",
}.items():
    os.environ.setdefault(name, value)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from vakmanschap.accounts.models import User  # noqa: E402
from vakmanschap.people import services  # noqa: E402
from vakmanschap.region.models import Municipality  # noqa: E402

EMAIL = "start-page-cpu@example.org"


def resident() -> User:
    """The surge benchmark's kind of resident: signed up, no plan yet."""
    user = User.objects.filter(email=EMAIL).first()
    if user is not None:
        return user
    municipality, _ = Municipality.objects.get_or_create(
        cbs_code="GM0153", defaults={"name": "Enschede"}
    )
    return services.sign_up(
        email=EMAIL,
        given_name="Start",
        family_name="Page",
        birth_date=datetime.date(1980, 1, 1),
        postcode="7511 AB",
        municipality=municipality,
        phone="",
        education_level="mbo2",
        work_situation="unemployed",
        current_job="",
        training_wish="",
        consent_purpose="start page benchmark",
        privacy_version="bench",
    )


def backend_seconds() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--language", default="nl")
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(headers={"Accept-Language": args.language})
    client.force_login(resident(), backend="vakmanschap.accounts.backends.EmailBackend")

    def ask():
        answer = client.get("/start/", secure=True)
        assert answer.status_code == 200, answer.status_code

    for _ in range(50):  # warm: templates, URL resolver, connection
        ask()
    if args.profile:
        profiler = cProfile.Profile(time.process_time)  # CPU, not waiting for PostgreSQL
        profiler.enable()
        for _ in range(args.profile):
            ask()
        profiler.disable()
        profiler.dump_stats(os.environ.get("START_PAGE_PROFILE", "start_page.prof"))
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        return
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        ask()
    app, pg = time.process_time(), backend_seconds()
    for _ in range(args.requests):
        ask()
    app, pg = time.process_time() - app, backend_seconds() - pg
    per = 1000 / args.requests
    load = os.getloadavg()[0]
    print(
        f"queries {len(queries)}  app {app * per:.2f} ms  PostgreSQL {pg * per:.2f} ms  "
        f"total {(app + pg) * per:.2f} ms  (load {load:.1f})"
    )


if __name__ == "__main__":
    main()
