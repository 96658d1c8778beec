"""The open-loop client of `make bench-surge` (vakmanschap/testing/load.py) against a real server."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vakmanschap.testing.load import http_request, open_loop, percentile


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
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
