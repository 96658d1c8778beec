"""Graceful overload: refuse at once what the server cannot do in time (README "Deployment").

Each web process lets at most `OVERLOAD_MAX_IN_FLIGHT` requests run at once. A request that finds
every slot taken waits at most `OVERLOAD_MAX_QUEUE_SECONDS` for one, counting the time it already
waited in front of the application (a proxy's `X-Request-Start`); after that it gets HTTP 503 with
`Retry-After`: a Dutch and English "busy" page, problem+json for the API. The refusal comes
before any view runs, so nothing of a refused request is written. Off (0) unless configured; the
shipped `gunicorn.conf.py` switches it on.
"""

import json
import threading
import time

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _


class Slots:
    """A bounded number of requests in flight in this process, with a bounded wait for a slot."""

    def __init__(self, size: int):
        self.size = size
        self._semaphore = threading.BoundedSemaphore(size)

    def acquire(self, timeout: float) -> bool:
        return self._semaphore.acquire(timeout=max(timeout, 0))

    def release(self) -> None:
        self._semaphore.release()


_process_slots: dict[int, Slots] = {}
_creating = threading.Lock()


def process_slots() -> Slots | None:
    """This process's slots (one limit per process, however many handlers load the middleware)."""
    size = settings.OVERLOAD_MAX_IN_FLIGHT
    if size <= 0:
        return None
    with _creating:
        return _process_slots.setdefault(size, Slots(size))


def queued_for(request, now: float) -> float:
    """Seconds the request waited before it reached us, from `X-Request-Start: t=<time>` (seconds,
    milliseconds or microseconds since the epoch, as nginx and others send it); 0 without it."""
    header = request.META.get("HTTP_X_REQUEST_START", "")
    try:
        started = float(header.removeprefix("t="))
    except ValueError:
        return 0.0
    while started > now * 100:  # milli- or microseconds
        started /= 1000
    return max(now - started, 0.0)


def busy_response(request) -> HttpResponse:
    retry_after = str(settings.OVERLOAD_RETRY_AFTER_SECONDS)
    if request.path.startswith("/api/"):
        language = translation.get_language_from_request(request)
        with translation.override(language):
            detail = _("The server is busy. Please try again in a moment.")
        body = {"type": "about:blank", "title": "Service Unavailable", "status": 503}
        response = HttpResponse(
            json.dumps({**body, "detail": detail}),
            status=503,
            content_type="application/problem+json",
        )
    else:
        # Bilingual and without context: rendering it needs no database and no session.
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    # Set here: this answer skips the middleware that would (it comes first), and with a
    # length the proxy's keep-alive connection stays usable.
    response["Content-Length"] = str(len(response.content))
    return response


class OverloadMiddleware:
    """First in MIDDLEWARE: answers 503 before sessions, the database or a view are touched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slots = process_slots()
        if slots is None:
            return self.get_response(request)
        left = settings.OVERLOAD_MAX_QUEUE_SECONDS - queued_for(request, time.time())
        if left <= 0 or not slots.acquire(timeout=left):
            return busy_response(request)
        try:
            return self.get_response(request)
        finally:
            slots.release()
