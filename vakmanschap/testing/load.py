"""A small open-loop HTTP load generator (asyncio, standard library only) for `make bench-surge`.

Open loop: request i is sent at start + i / rate whatever happened to the ones before, as real
visitors arrive, and its latency counts from that planned moment, so a server that falls behind
is not hidden by a client that waits for it. Every request opens its own connection (HTTP/1.1,
`Connection: close`), as many different visitors would.
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


async def _fetch(host: str, port: int, request: bytes, timeout: float) -> tuple[int, dict]:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(request)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        await asyncio.wait_for(reader.read(), timeout)  # the body, until the server closes
        return status, headers
    finally:
        writer.close()


async def _one(host, port, make_request, i, planned, timeout) -> Answer:
    delay = planned - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)
    try:
        status, headers = await _fetch(host, port, make_request(i), timeout)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        return Answer(time.perf_counter() - planned, 0, False)
    return Answer(
        time.perf_counter() - planned,
        status,
        "retry-after" in headers,
        headers.get("location", ""),
    )


async def _run(host, port, make_request, rate, count, timeout) -> list[Answer]:
    start = time.perf_counter() + 0.05
    tasks = [
        asyncio.ensure_future(_one(host, port, make_request, i, start + i / rate, timeout))
        for i in range(count)
    ]
    return await asyncio.gather(*tasks)


def open_loop(
    host: str,
    port: int,
    make_request: Callable[[int], bytes],
    *,
    rate: float,
    seconds: float,
    timeout: float = 10.0,
) -> list[Answer]:
    """Send `rate` × `seconds` requests at a steady rate; bounded by the count and `timeout`.
    `make_request(i)` gives request i's bytes, made when it is sent."""
    count = max(1, round(rate * seconds))
    return _run_to_completion(_run(host, port, make_request, rate, count, timeout))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]


def http_request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Connection: close"]
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
