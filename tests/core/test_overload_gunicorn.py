"""The overload guard behind a real gunicorn: a refused request does not keep its connection.

A refusal is answered at once. Were its kept-alive connection kept, a proxy that reuses its most
recently freed connection first (nginx) would send it the next request straight back to the full
worker (core/overload.py, `close_connection`)."""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from vakmanschap.testing.oidc_provider.harness import free_port

GUARDED_APP = "tests.core.guarded_app:application"


@pytest.fixture
def gunicorn_port(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vakmanschap.conf.test",
        # The busy page links its style sheet: plain static files (demo mode), no manifest.
        "VAKMANSCHAP_DEMO": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "VAKMANSCHAP_MAX_IN_FLIGHT": "1",
        "VAKMANSCHAP_MAX_QUEUE_SECONDS": "1",
    }
    # Started elsewhere so that it does not read the shipped gunicorn.conf.py (its master loads
    # the skills engine); --chdir imports the application from the project.
    command = [sys.executable, "-m", "gunicorn", "--chdir", str(settings.BASE_DIR)]
    command += ["--bind", f"127.0.0.1:{port}"]
    command += ["--worker-class", "gthread", "--threads", "2", "--keep-alive", "10", GUARDED_APP]
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=log.open("w"))
    try:
        deadline = time.monotonic() + 60
        while True:  # until a worker answers, not only the master listens
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as probe:
                    _ask(probe, time.time())
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _ask(connection: socket.socket, request_start: float) -> tuple[str, dict[str, str]]:
    """One keep-alive GET; the status line and the headers, the body read."""
    connection.sendall(
        b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n"
        b"X-Request-Start: t=%d\r\n\r\n" % int(request_start * 1_000_000)
    )
    reader = connection.makefile("rb")
    status = reader.readline().decode().strip()
    headers = {}
    while (line := reader.readline().decode().strip()) != "":
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    reader.read(int(headers["content-length"]))
    return status, headers


def test_a_refused_request_closes_its_connection_and_a_served_one_keeps_it(gunicorn_port):
    connection = socket.create_connection(("127.0.0.1", gunicorn_port), timeout=10)
    with connection:
        status, headers = _ask(connection, time.time())
        assert status.startswith("HTTP/1.1 200") and headers.get("connection") != "close"
        # The same connection carries a second request; it waited 5 s in front, so it is refused.
        status, headers = _ask(connection, time.time() - 5)
        assert status.startswith("HTTP/1.1 503") and headers["retry-after"]
        assert headers["connection"] == "close"
        assert connection.recv(1) == b""  # closed by the server
