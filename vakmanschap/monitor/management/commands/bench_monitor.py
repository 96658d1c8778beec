import datetime
import os
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.funding import bench as fund_bench
from vakmanschap.monitor import bench
from vakmanschap.organisations.models import Organisation


def _pages(year: int) -> list[str]:
    last = f"{year}-12-31"
    return [
        "/monitor/",
        "/monitor/?municipality=GM0153",
        f"/monitor/?date_from={year - 2}-01-01&date_to={last}&education_level=mbo2&age_band=25-34",
        f"/api/v1/monitor/summary?from={year}-01-01&to={last}",
        f"/api/v1/monitor/summary?from={year - 2}-01-01&to={last}",
        "/open-data/",
        f"/open-data/?year={year}&education_level=mbo3",
        f"/open-data/?year={year}&age_band=45-54",
        f"/open-data/summary.csv?year={year}",
        f"/open-data/summary.json?year={year}",
        f"/api/v1/open-data/summary?year={year}",
    ]


def _pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = (
        "Fill the database with 100,000 participants over the region's municipalities and a "
        "million ledger entries, then time the monitor, its API and the open data (median and "
        "p95). PostgreSQL only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=100_000)
        parser.add_argument("--ledger-entries", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=9)
        parser.add_argument("--skip-fill", action="store_true")

    def handle(self, *args, participants, ledger_entries, runs, skip_fill, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_monitor measures PostgreSQL: run it as `python -m "
                "vakmanschap.testing.with_postgres vakmanschap bench_monitor`."
            )
        officer, advisor = self._staff()
        if not skip_fill:
            started = time.perf_counter()
            counts = bench.fill(participants, ledger_entries, advisor)
            fund_bench.analyse()
            self.stdout.write(f"Filled in {time.perf_counter() - started:.0f} s: {counts}")
        refresh = self._refresh()
        if refresh is not None:
            fund_bench.analyse()
            self.stdout.write(f"Summary refreshed in {refresh:.1f} s")
        self.stdout.write(f"Load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        self.stdout.write(f"\n| page | median ms | p95 ms | queries | runs={runs} |")
        self.stdout.write("| --- | --- | --- | --- | --- |")
        for path, median, p95, queries in self._time(officer, runs):
            self.stdout.write(f"| `{path}` | {median:.0f} | {p95:.0f} | {queries} | |")
        self.stdout.write(f"Load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")

    def _refresh(self):
        try:
            from vakmanschap.monitor import summary_tables
        except ImportError:  # measuring the version that counts from the records
            return None
        started = time.perf_counter()
        summary_tables.refresh_all()
        return time.perf_counter() - started

    def _staff(self):
        fund, _ = Organisation.objects.get_or_create(name="Bench fund", kind=OrganisationKind.FUND)
        advice, _ = Organisation.objects.get_or_create(
            name="Bench advice", kind=OrganisationKind.ADVICE
        )
        officer, _ = User.objects.get_or_create(email="bench-monitor@example.org")
        Membership.objects.get_or_create(user=officer, role=Role.FUND_OFFICER, organisation=fund)
        advisor, _ = User.objects.get_or_create(email="bench-advisor@example.org")
        Membership.objects.get_or_create(user=advisor, role=Role.ADVISOR, organisation=advice)
        return officer, advisor

    # Timing the pages, not the second factor or the static-file manifest.
    @override_settings(
        TWO_FACTOR_REQUIRED=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    def _time(self, officer, runs):
        client = Client(SERVER_NAME="localhost")
        client.force_login(officer)
        results = []
        for path in _pages(datetime.date.today().year):
            durations = []
            if runs > 1:
                client.get(path)  # warm up: templates, the map file
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    durations.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
            results.append((path, statistics.median(durations), _pct(durations, 95), len(queries)))
        return results
