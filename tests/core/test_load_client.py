"""The open-loop client of `make bench-surge` (vakmanschap/testing/load.py) against a real server."""

import itertools
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vakmanschap.testing.load import http_request, open_loop, percentile


class Handler(BaseHTTPRequestHandler):
    connections = 0  # opened since the server started
    stamps: list[tuple[float, str]] = []  # (when received, X-Request-Start) of each request

    def setup(self):
        type(self).connections += 1
        super().setup()

    def do_GET(self):
        Handler.stamps.append((time.time(), self.headers.get("X-Request-Start", "")))
        if self.path == "/slow":
            time.sleep(0.3)
        if self.path == "/busy":
            self.send_response(503)
            self.send_header("Retry-After", "5")
        else:
            self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class KeepAliveHandler(Handler):
    protocol_version = "HTTP/1.1"  # keeps the connection open unless the client says close
    connections = 0


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _get(path):
    return lambda i: http_request("GET", path, {"Host": "localhost"})


def test_it_sends_rate_times_seconds_requests_spread_over_the_time(server):
    started = time.perf_counter()
    answers = open_loop("127.0.0.1", server, _get("/"), rate=40, seconds=0.5)
    assert len(answers) == 20
    assert all(a.status == 200 and not a.retry_after for a in answers)
    assert time.perf_counter() - started >= 0.45  # not all at once


def test_latency_counts_the_server_time_and_retry_after_is_seen(server):
    slow = open_loop("127.0.0.1", server, _get("/slow"), rate=20, seconds=0.2)
    assert percentile([a.latency for a in slow], 50) >= 0.3
    busy = open_loop("127.0.0.1", server, _get("/busy"), rate=20, seconds=0.2)
    assert all(a.status == 503 and a.retry_after for a in busy)


def test_a_refused_connection_is_an_error_not_a_crash():
    answers = open_loop("127.0.0.1", 1, _get("/"), rate=10, seconds=0.2, timeout=1)
    assert [a.status for a in answers] == [0, 0]


@pytest.fixture
def keep_alive_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), KeepAliveHandler)
    KeepAliveHandler.connections = 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_with_a_pool_connections_are_kept_alive_and_reused(keep_alive_server):
    def make(i):
        return http_request("GET", "/", {"Host": "localhost"}, keep_alive=True)

    answers = open_loop("127.0.0.1", keep_alive_server, make, rate=100, seconds=0.5, pool=4)
    assert len(answers) == 50 and all(a.status == 200 for a in answers)
    # A new connection only when none is idle. On a loaded machine answers come late and bursts
    # open more, so the bound is loose; without reuse there would be 50.
    assert 1 <= KeepAliveHandler.connections <= 25


def test_without_a_pool_every_request_has_its_own_connection(keep_alive_server):
    answers = open_loop("127.0.0.1", keep_alive_server, _get("/"), rate=100, seconds=0.2)
    assert len(answers) == 20 and all(a.status == 200 for a in answers)
    assert KeepAliveHandler.connections == 20


def test_a_server_that_closes_after_each_answer_is_not_asked_twice_on_one_connection(server):
    def make(i):
        return http_request("GET", "/", {"Host": "localhost"}, keep_alive=True)

    answers = open_loop("127.0.0.1", server, make, rate=100, seconds=0.2, pool=4)
    assert [a.status for a in answers] == [200] * 20  # HTTP/1.0: a new connection each time


def test_each_request_is_stamped_with_its_planned_time_and_its_time_is_broken_down(server):
    Handler.stamps = []
    started = time.time()
    answers = open_loop("127.0.0.1", server, _get("/slow"), rate=20, seconds=0.2)
    assert len(Handler.stamps) == 4
    planned = sorted(int(stamp.removeprefix("t=")) / 1e6 for _received, stamp in Handler.stamps)
    # Microseconds since the epoch, 1/20 s apart as planned, none after it was received.
    assert started <= planned[0] < started + 0.5
    assert [round(b - a, 2) for a, b in itertools.pairwise(planned)] == [0.05] * 3
    assert all(int(s.removeprefix("t=")) / 1e6 <= received for received, s in Handler.stamps)
    for a in answers:  # began <= connected <= answered; a new connection each (no pool)
        assert 0 <= a.began <= a.connected <= a.latency and a.new_connection
        assert a.latency - a.connected >= 0.3  # the server's time
