"""`vakmanschap demo` stopped with SIGTERM stops its background worker and login service too."""

import os
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _children_named(process: psutil.Process, word: str) -> list[psutil.Process]:
    found = []
    for child in process.children(recursive=True):
        try:
            if word in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.mark.parametrize("when", ["serving", "starting the login service"])
def test_sigterm_to_the_demo_stops_its_db_worker_and_login_service(tmp_path, when):
    env = {
        **os.environ,
        "VAKMANSCHAP_DEMO": "1",
        "VAKMANSCHAP_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}",
        "VAKMANSCHAP_DEMO_OIDC_PORT": str(_free_port()),
        "PYTHONPATH": REPO,
    }
    demo_port = _free_port()
    demo = subprocess.Popen(
        [sys.executable, "-m", "vakmanschap.manage", "demo", "--serve-only"]
        + ["--port", str(demo_port)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        parent = psutil.Process(demo.pid)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            worker = _children_named(parent, "db_worker")
            provider = _children_named(parent, "oidc_provider")
            if worker and provider and (when != "serving" or _answers(demo_port)):
                break
            assert demo.poll() is None, "the demo ended by itself"
            time.sleep(0.2)
        else:
            raise AssertionError("the demo did not start its db_worker and login service")
        started = worker + provider

        demo.send_signal(signal.SIGTERM)
        assert demo.wait(60) == 128 + signal.SIGTERM
        gone, alive = psutil.wait_procs(started, timeout=15)
        assert alive == [], f"still running after the demo stopped: {alive}"
    finally:
        if demo.poll() is None:
            for child in psutil.Process(demo.pid).children(recursive=True):
                child.kill()
            demo.kill()
            demo.wait()
