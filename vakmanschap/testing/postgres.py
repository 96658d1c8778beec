"""pytest plugin: with VAKMANSCHAP_TEST_POSTGRES=1, run the suite on a throwaway PostgreSQL.

Loaded with `-p vakmanschap.testing.postgres` (see pyproject). The cluster is created with
initdb and started with pg_ctl when the plugin is imported, before pytest-django reads the
settings; DATABASE_URL then points the whole run at it. No shared server is needed, and the
cluster is stopped and removed at exit. PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` system user (Debian's postgresql package creates it).
"""

import atexit
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from dataclasses import dataclass


def find_pg_bin() -> str | None:
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        return os.path.dirname(os.path.realpath(pg_ctl))
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return os.path.dirname(candidates[0]) if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    """A running throwaway cluster, which a test may stop and start again (the outage test)."""

    bin_dir: str
    datadir: str
    options: str
    log: str
    run_as: list[str]

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.run_as, f"{self.bin_dir}/pg_ctl", "-D", self.datadir, *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def start(self) -> None:
        self.pg_ctl("-o", self.options, "-l", self.log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`immediate` kills the server without a clean shutdown, as a crash would."""
        self.pg_ctl("-m", mode, "-w", "stop")


# The cluster this process started (the pytest plugin's), or None.
RUNNING: Cluster | None = None


def start_cluster(bin_dir: str, *, durable: bool = False) -> str:
    """Create and start a cluster; returns its DATABASE_URL. Tests skip flushing to disk;
    `durable` keeps PostgreSQL's production settings (fsync, synchronous commit) for benchmarks."""
    global RUNNING
    run_as: list[str] = []
    tmp = tempfile.mkdtemp(prefix="vakmanschap-pg-")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(tmp, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    datadir, port = os.path.join(tmp, "data"), _free_port()
    subprocess.run(
        [
            *run_as,
            f"{bin_dir}/initdb",
            "-D",
            datadir,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    options = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c max_connections=100"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    RUNNING = cluster = Cluster(bin_dir, datadir, options, os.path.join(tmp, "server.log"), run_as)

    def stop():
        try:
            cluster.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped, or never started
        shutil.rmtree(tmp, ignore_errors=True)

    atexit.register(stop)  # before the start: a stop while it starts removes it too
    cluster.start()
    return f"postgres://postgres@127.0.0.1:{port}/postgres"


if os.environ.get("VAKMANSCHAP_TEST_POSTGRES") == "1":
    _bin = find_pg_bin()
    if _bin is None:
        raise RuntimeError("VAKMANSCHAP_TEST_POSTGRES=1, but no PostgreSQL (pg_ctl) was found.")

    def _interrupt(signum, frame):
        raise KeyboardInterrupt  # pytest ends the run cleanly, and atexit stops the cluster

    signal.signal(signal.SIGTERM, _interrupt)
    os.environ["DATABASE_URL"] = start_cluster(_bin)
