"""Benchmark of `vakmanschap esco_import` on SQLite and on a throwaway PostgreSQL cluster.

    .venv/bin/python -m vakmanschap.esco.benchmark [--runs 3] [--backend sqlite|postgres]

Each run starts from a fresh, migrated database, then times the command twice as a separate
process (wall clock, Django start-up included): the first import and a second one that
changes nothing. Prints each run and the medians as Markdown for docs/benchmarks.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

# The same as the `vakmanschap` console script, for the tree in the current directory.
COMMAND = [sys.executable, "-m", "vakmanschap.manage"]


def _run(args, env) -> float:
    started = time.monotonic()
    done = subprocess.run([*COMMAND, *args], env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    return elapsed


def _databases(backend: str, runs: int):
    if backend == "sqlite":
        tmp = tempfile.mkdtemp(prefix="esco-bench-")
        for i in range(runs):
            yield f"sqlite:///{tmp}/run{i}.sqlite3"
        return
    # Only the PostgreSQL runs need psycopg and the throwaway-cluster harness.
    import psycopg

    from vakmanschap.testing.postgres import find_pg_bin, start_cluster

    bin_dir = find_pg_bin()
    if bin_dir is None:
        sys.exit("PostgreSQL (pg_ctl) not found.")
    url = start_cluster(bin_dir)
    for i in range(runs):
        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as c:
            c.execute(f"CREATE DATABASE bench{i}")
        yield url.rsplit("/", 1)[0] + f"/bench{i}"


def bench(backend: str, runs: int) -> tuple[list[float], list[float]]:
    first, second = [], []
    for url in _databases(backend, runs):
        env = {**os.environ, "DATABASE_URL": url, "VAKMANSCHAP_DEMO": "1"}
        _run(["migrate", "-v0"], env)
        first.append(_run(["esco_import"], env))
        second.append(_run(["esco_import"], env))
        print(f"{backend}: first {first[-1]:.1f} s, second {second[-1]:.1f} s", flush=True)
    return first, second


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], action="append")
    options = parser.parse_args(argv)
    rows = []
    for backend in options.backend or ["sqlite", "postgres"]:
        first, second = bench(backend, options.runs)
        rows.append(
            f"| {backend} | {statistics.median(first):.1f} s | "
            f"{statistics.median(second):.1f} s | "
            f"{', '.join(f'{a:.1f}/{b:.1f}' for a, b in zip(first, second, strict=True))} |"
        )
    print(
        "\n| database | first import (median) | second import, no changes (median) | "
        "runs (first/second) |\n| --- | --- | --- | --- |"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
