import cProfile
import multiprocessing
import os
import statistics
import time

import psutil
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.funding import bench, plans
from vakmanschap.funding.models import LedgerEntry
from vakmanschap.organisations.models import Organisation
from vakmanschap.testing.surge import cpu_seconds

PAGES = [
    "/plans/",
    "/plans/?state=completed",
    "/plans/budget/",
    "/needs-action/",
    "/provider/fund/needs-action/",
    "/oversight/",
]


def _pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class LockClock:
    """How long an approval holds the budget period's row lock: from the moment the locking
    SELECT returns to the moment the COMMIT returns (so the flush to disk counts, and the
    after-commit hooks, which run without the lock, do not)."""

    def __init__(self):
        self.holds = []
        self.taken = None

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "funding_budgetperiod" in sql and "FOR NO KEY UPDATE" in sql and self.taken is None:
            self.taken = time.perf_counter()
        return result

    def watch(self, connection):
        """Stop the clock when the connection's commit returns."""
        commit = connection.commit

        def timed_commit():
            commit()
            if self.taken is not None:
                self.holds.append((time.perf_counter() - self.taken) * 1000)
                self.taken = None

        connection.commit = timed_commit


def _approve_share(officer, share, results, profile_to=None):
    connections.close_all()  # a forked process opens its own connection
    timings, clock = [], LockClock()
    clock.watch(connection)
    # The CPU clock: on a shared machine a wall-clock profile is mostly waiting.
    profiler = cProfile.Profile(time.process_time) if profile_to else None
    cpu = time.process_time()
    with connection.execute_wrapper(clock):
        for plan in share:
            started = time.perf_counter()
            if profiler:
                profiler.runcall(plans.approve, plan, by=officer)
            else:
                plans.approve(plan, by=officer)
            timings.append((time.perf_counter() - started) * 1000)
    cpu = time.process_time() - cpu
    if profiler:
        profiler.dump_stats(f"{profile_to}.{os.getpid()}")
    connections.close_all()
    results.put((timings, clock.holds, cpu))


def _postmaster_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return psutil.Process(cursor.fetchone()[0]).ppid()


class Command(BaseCommand):
    help = (
        "Fill the database with realistic volume and measure plan approval (with the budget "
        "lock) at 1 and 8 concurrent workers, and the fund officer's pages. PostgreSQL only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=100_000)
        parser.add_argument("--approvals", type=int, default=240, help="plans approved per run")
        parser.add_argument("--workers", type=int, nargs="+", default=[1, 8])
        parser.add_argument("--skip-fill", action="store_true")
        parser.add_argument(
            "--profile",
            metavar="PREFIX",
            help="cProfile (CPU time) each worker's approvals into PREFIX.<pid> (times are then inflated)",
        )

    def handle(self, *args, participants, approvals, workers, skip_fill, profile, **options):
        self.profile = profile
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_fund measures PostgreSQL: run it as "
                "`python -m vakmanschap.testing.with_postgres vakmanschap bench_fund`"
                " or with DATABASE_URL pointing at a PostgreSQL database."
            )
        advisor, officers = self._staff(max(workers))
        if not skip_fill:
            started = time.perf_counter()
            counts = bench.fill(participants, advisor)
            bench.analyse()
            self.stdout.write(f"Filled in {time.perf_counter() - started:.0f} s: {counts}")
        entries = LedgerEntry.objects.count()
        self.stdout.write(f"\nLedger entries: {entries:,}\n")
        self.stdout.write(
            "| workers | approvals | p50 ms | p95 ms | approvals/s | lock held p50 / p95 ms "
            "| CPU per approval: app + PostgreSQL |"
        )
        self.stdout.write("| --- | --- | --- | --- | --- | --- | --- |")
        for count in workers:
            row = self._approvals(advisor, officers[:count], approvals)
            self.stdout.write(
                "| {} | {} | {:.1f} | {:.1f} | {:.0f} | {:.1f} / {:.1f} "
                "| {:.1f} + {:.1f} ms |".format(count, *row)
            )
        self.stdout.write("\n| page | median ms | queries |")
        self.stdout.write("| --- | --- | --- |")
        for path, median, queries in self._pages(officers[0]):
            self.stdout.write(f"| {path} | {median:.0f} | {queries} |")

    def _staff(self, n):
        advice, _ = Organisation.objects.get_or_create(
            name="Bench advice", kind=OrganisationKind.ADVICE
        )
        fund, _ = Organisation.objects.get_or_create(name="Bench fund", kind=OrganisationKind.FUND)
        advisor, _ = User.objects.get_or_create(email="bench-advisor@example.org")
        Membership.objects.get_or_create(user=advisor, role=Role.ADVISOR, organisation=advice)
        officers = []
        for i in range(n):
            officer, _ = User.objects.get_or_create(email=f"bench-officer{i}@example.org")
            Membership.objects.get_or_create(
                user=officer, role=Role.FUND_OFFICER, organisation=fund
            )
            officers.append(officer)
        return advisor, officers

    def _approvals(self, advisor, officers, total):
        municipality, scheme, period, courses, occupation = bench.world(advisor)
        people = bench.Participant.objects.bulk_create(
            bench._participants(total, municipality, 10_000_000 + bench.Participant.objects.count())
        )
        queue = []
        for i, person in enumerate(people):
            plan = plans.create_draft(
                participant=person,
                author=advisor,
                scheme=scheme,
                funding_period=period,
                target_occupation=occupation,
                courses=[courses[i % len(courses)]],
                justification="bench",
            )
            queue.append(plans.submit(plan, by=advisor))
        # Worker processes, like gunicorn's: threads would only measure Python's GIL.
        postmaster = _postmaster_pid()
        connections.close_all()
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        workers = [
            context.Process(
                target=_approve_share,
                args=(officer, queue[i :: len(officers)], results, self.profile),
            )
            for i, officer in enumerate(officers)
        ]
        started, database_cpu = time.perf_counter(), cpu_seconds(postmaster)
        for worker in workers:
            worker.start()
        timings, holds, app_cpu = [], [], 0.0
        for _ in workers:
            share_timings, share_holds, share_cpu = results.get()
            timings += share_timings
            holds += share_holds
            app_cpu += share_cpu
        for worker in workers:
            worker.join()
        wall = time.perf_counter() - started
        database_cpu = cpu_seconds(postmaster) - database_cpu
        return (
            len(timings),
            statistics.median(timings),
            _pct(timings, 95),
            len(timings) / wall,
            statistics.median(holds),
            _pct(holds, 95),
            app_cpu * 1000 / len(timings),
            database_cpu * 1000 / len(timings),
        )

    # Timing the pages, not the second factor or the static-file manifest.
    @override_settings(
        TWO_FACTOR_REQUIRED=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    def _pages(self, officer):
        client = Client(SERVER_NAME="localhost")
        client.force_login(officer)
        results = []
        for path in PAGES:
            durations = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    durations.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    break
            results.append(
                (f"{path} ({response.status_code})", statistics.median(durations), len(queries))
            )
        return results
