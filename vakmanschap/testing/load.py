"""A small open-loop HTTP load generator (asyncio, standard library only) for `make bench-surge`.

Open loop: request i is sent at start + i / rate whatever happened to the ones before, as real
visitors arrive, and its latency counts from that planned moment, so a server that falls behind
is not hidden by a client that waits for it.

Connections are kept alive and reused, as the proxy in front of gunicorn does (nginx's upstream
`keepalive`): a request takes an idle connection from the pool, or opens a new one when none is
idle; after the answer the connection goes back to the pool unless the pool already holds
`pool` idle ones, the server said `Connection: close`, or it has been idle longer than
`idle_seconds` (below gunicorn's keep-alive, so the server never closes one under a request).
`pool=0` opens a connection per request (`Connection: close`), as many visitors without a proxy.
"""

import asyncio
import concurrent.futures
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    latency: float  # seconds from the planned send time to the last byte, or to the failure
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    retry_after: bool
    location: str = ""
    # Where the time went, in seconds from the planned send time: when the client got to the
    # request (late: the client itself is behind), when it had a connection (a new one waits for
    # the server's accept queue), when the request was written.
    began: float = 0.0
    connected: float = 0.0
    new_connection: bool = False


class Pool:
    """Idle keep-alive connections to one server, newest last."""

    def __init__(self, host: str, port: int, size: int, idle_seconds: float):
        self.host, self.port, self.size, self.idle_seconds = host, port, size, idle_seconds
        self._idle: list[tuple[float, asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.opened = 0

    async def take(self, timeout: float):
        now = time.monotonic()
        while self._idle:
            since, reader, writer = self._idle.pop()
            if now - since < self.idle_seconds and not reader.at_eof():
                return reader, writer
            writer.close()
        self.opened += 1
        return await asyncio.wait_for(asyncio.open_connection(self.host, self.port), timeout)

    def give_back(self, reader, writer, reusable: bool) -> None:
        if reusable and len(self._idle) < self.size:
            self._idle.append((time.monotonic(), reader, writer))
        else:
            writer.close()

    def close(self) -> None:
        for _since, _reader, writer in self._idle:
            writer.close()
        self._idle.clear()


async def _read_body(reader, headers: dict, timeout: float) -> bool:
    """Read the body; True when the connection can carry another request."""
    if "content-length" in headers:
        await asyncio.wait_for(reader.readexactly(int(headers["content-length"])), timeout)
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await asyncio.wait_for(reader.readline(), timeout)).split(b";")[0], 16)
            await asyncio.wait_for(reader.readexactly(size + 2), timeout)  # the chunk and CRLF
            if size == 0:
                break
    else:
        await asyncio.wait_for(reader.read(), timeout)  # until the server closes
        return False
    return headers.get("connection", "").lower() != "close"


async def _fetch(pool: Pool, request: bytes, timeout: float, times: dict) -> tuple[int, dict]:
    opened = pool.opened
    reader, writer = await pool.take(timeout)
    times["connected"], times["new_connection"] = time.perf_counter(), pool.opened > opened
    reusable = False
    try:
        writer.write(request)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split(" ", 2)[:2]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        kept = version != "HTTP/1.0" or headers.get("connection", "").lower() == "keep-alive"
        reusable = await _read_body(reader, headers, timeout) and kept and pool.size > 0
        return int(status), headers
    finally:
        pool.give_back(reader, writer, reusable)


async def _one(pool, make_request, i, planned, timeout, wall_offset) -> Answer:
    delay = planned - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)
    began = time.perf_counter()
    times = {"connected": began, "new_connection": False}
    # Stamped with the planned moment, as a proxy stamps a visitor's request when it arrives
    # (nginx: `X-Request-Start t=${msec}`), before it waits for a connection to the server.
    request = _stamp(make_request(i), planned + wall_offset)
    try:
        status, headers = await _fetch(pool, request, timeout, times)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        status, headers = 0, {}
    return Answer(
        time.perf_counter() - planned,
        status,
        "retry-after" in headers,
        headers.get("location", ""),
        began=began - planned,
        connected=times["connected"] - planned,
        new_connection=times["new_connection"],
    )


def _stamp(request: bytes, wall: float) -> bytes:
    """The request with `X-Request-Start: t=<microseconds>` right after its request line."""
    line, _, rest = request.partition(b"\r\n")
    return b"%s\r\nX-Request-Start: t=%d\r\n%s" % (line, int(wall * 1_000_000), rest)


async def _run(pool, make_request, rate, count, timeout) -> list[Answer]:
    start = time.perf_counter() + 0.05
    wall_offset = time.time() - time.perf_counter()
    tasks = [
        asyncio.ensure_future(_one(pool, make_request, i, start + i / rate, timeout, wall_offset))
        for i in range(count)
    ]
    try:
        return await asyncio.gather(*tasks)
    finally:
        pool.close()


def open_loop(
    host: str,
    port: int,
    make_request: Callable[[int], bytes],
    *,
    rate: float,
    seconds: float,
    timeout: float = 10.0,
    pool: int = 0,
    idle_seconds: float = 1.5,
) -> list[Answer]:
    """Send `rate` × `seconds` requests at a steady rate; bounded by the count and `timeout`.
    `make_request(i)` gives request i's bytes, made when it is sent; with `pool` > 0 they must
    ask for keep-alive (`http_request(..., keep_alive=True)`)."""
    count = max(1, round(rate * seconds))
    connections = Pool(host, port, pool, idle_seconds)
    return _run_to_completion(_run(connections, make_request, rate, count, timeout))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]


def http_request(
    method: str, path: str, headers: dict[str, str], body: bytes = b"", keep_alive: bool = False
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Connection: {'keep-alive' if keep_alive else 'close'}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _run_to_completion(coroutine):
    """asyncio.run, also when this thread already runs an event loop (a browser driver's)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
