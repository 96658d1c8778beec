"""Run a command against a throwaway PostgreSQL cluster (for benchmarks):

python -m vakmanschap.testing.with_postgres vakmanschap bench_fund --participants 100000

The cluster flushes to disk as production does (fsync and synchronous commit on), unless
VAKMANSCHAP_PG_FAST=1.
"""

import os
import subprocess
import sys

from .postgres import find_pg_bin, start_cluster


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    bin_dir = find_pg_bin()
    if bin_dir is None:
        print("PostgreSQL is not installed (Debian: apt-get install postgresql).")
        return 1
    # A benchmark needs no real secrets: development settings unless told otherwise.
    env = {
        "VAKMANSCHAP_ENV": "development",
        **os.environ,
        "DATABASE_URL": start_cluster(
            bin_dir, durable=os.environ.get("VAKMANSCHAP_PG_FAST") != "1"
        ),
    }
    subprocess.run(
        [sys.executable, "-m", "vakmanschap.manage", "migrate", "-v0"], env=env, check=True
    )
    return subprocess.run(argv, env=env).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
