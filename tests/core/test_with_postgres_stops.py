"""The benchmark helper `with_postgres`, stopped with SIGTERM, stops its PostgreSQL cluster."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import psutil
import pytest

from vakmanschap.testing.postgres import find_pg_bin

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

pytestmark = pytest.mark.skipif(find_pg_bin() is None, reason="PostgreSQL is not installed")


def _servers_under(folder: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if folder in " ".join(process.info["cmdline"] or []):
            found.append(process)
    return found


def test_sigterm_stops_the_command_and_removes_the_cluster():
    # A folder of our own for the cluster (readable by the postgres user when run as root), so
    # that other clusters on the machine are not counted.
    folder = tempfile.mkdtemp(prefix="with-postgres-test-")
    os.chmod(folder, 0o755)
    marker = os.path.join(folder, "command-started")
    command = f"import pathlib, time; pathlib.Path({marker!r}).touch(); time.sleep(600)"
    helper = subprocess.Popen(
        [sys.executable, "-m", "vakmanschap.testing.with_postgres", sys.executable, "-c", command],
        env={**os.environ, "TMPDIR": folder, "PYTHONPATH": REPO, "VAKMANSCHAP_PG_FAST": "1"},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300  # initdb and the migrations, on a busy machine
        while not os.path.exists(marker):
            assert helper.poll() is None, "with_postgres ended by itself"
            assert time.monotonic() < deadline, "the command did not start"
            time.sleep(0.5)
        servers = _servers_under(folder)
        assert servers, "no PostgreSQL server runs in the throwaway folder"
        command_process = [
            p
            for p in psutil.Process(helper.pid).children()
            if "command-started" in str(p.cmdline())
        ]

        helper.send_signal(signal.SIGTERM)
        assert helper.wait(60) == 128 + signal.SIGTERM
        gone, alive = psutil.wait_procs(servers + command_process, timeout=30)
        assert alive == []
        assert not [name for name in os.listdir(folder) if name.startswith("vakmanschap-pg-")]
    finally:
        if helper.poll() is None:
            helper.kill()
            helper.wait()
        shutil.rmtree(folder, ignore_errors=True)
