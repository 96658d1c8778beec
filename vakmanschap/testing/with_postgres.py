"""Run a command against a throwaway PostgreSQL cluster (for benchmarks):

python -m vakmanschap.testing.with_postgres vakmanschap bench_fund --participants 100000

The cluster flushes to disk as production does (fsync and synchronous commit on), unless
VAKMANSCHAP_PG_FAST=1. Stopped with Ctrl-C or SIGTERM, it stops the command and the cluster.
"""

import os
import signal
import subprocess
import sys

from .postgres import find_pg_bin, start_cluster


def exit_on_sigterm() -> None:
    """Let SIGTERM end this process like Ctrl-C does, through `finally` blocks and `atexit`
    (which stops the cluster), instead of leaving the cluster running."""

    def _exit(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)


def run(argv: list[str], env: dict) -> int:
    """Run a command; stopped ourselves, stop it too (SIGTERM, then SIGKILL after 10 s)."""
    process = subprocess.Popen(argv, env=env)
    try:
        return process.wait()
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    bin_dir = find_pg_bin()
    if bin_dir is None:
        print("PostgreSQL is not installed (Debian: apt-get install postgresql).")
        return 1
    exit_on_sigterm()
    # A benchmark needs no real secrets: development settings unless told otherwise.
    env = {
        "VAKMANSCHAP_ENV": "development",
        **os.environ,
        "DATABASE_URL": start_cluster(
            bin_dir, durable=os.environ.get("VAKMANSCHAP_PG_FAST") != "1"
        ),
    }
    migrated = run([sys.executable, "-m", "vakmanschap.manage", "migrate", "-v0"], env)
    if migrated != 0:
        return migrated
    return run(argv, env)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
