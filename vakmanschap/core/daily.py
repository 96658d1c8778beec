"""Daily jobs. Apps register what must run once a day (expire cheques, anonymise files past
retention, renewal reminders); `vakmanschap daily` runs them all, one after the other, from
one cron or systemd timer line. A failing job is reported and does not stop the others."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyJob:
    name: str
    run: Callable[[], str]  # does the work, returns one line saying what it did
    order: int = 100


@dataclass(frozen=True)
class JobResult:
    name: str
    ok: bool
    message: str


_registry: dict[str, DailyJob] = {}


def register(job: DailyJob) -> None:
    _registry[job.name] = job


def jobs() -> list[DailyJob]:
    return sorted(_registry.values(), key=lambda j: (j.order, j.name))


def run_all(only: list[str] | None = None) -> list[JobResult]:
    results = []
    for job in jobs():
        if only and job.name not in only:
            continue
        try:
            results.append(JobResult(job.name, True, job.run()))
        except Exception as exc:  # one job's failure must not stop the others
            logger.exception("Daily job %s failed", job.name)
            results.append(JobResult(job.name, False, f"{type(exc).__name__}: {exc}"))
    return results
