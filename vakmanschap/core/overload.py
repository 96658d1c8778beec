"""Graceful overload: refuse at once what the server cannot do in time (README "Deployment").

Each web process runs at most `OVERLOAD_MAX_IN_FLIGHT` requests at once. A request that finds
every slot taken may wait for one while fewer than `OVERLOAD_MAX_WAITING` others wait, and at
most until it has waited `OVERLOAD_MAX_QUEUE_SECONDS` in all, counting the time it already waited
in front of the application (a proxy's `X-Request-Start`). Every other request is answered
HTTP 503 with `Retry-After` at once: a Dutch and English "busy" page, problem+json for the API.

A short burst waits, however: that is what the waiting room is for. Sustained overload is told
apart from a burst as CoDel does it: when no request has got its slot within
`OVERLOAD_QUEUE_TARGET_SECONDS` for a whole `OVERLOAD_QUEUE_INTERVAL_SECONDS`, the queue is
standing, and a request that must wait then waits at most the target. Under overload the waits
stay short and the refusals come quickly; the first request served within the target ends it.

`admission(application)` guards the whole WSGI application (the shipped `gunicorn.conf.py`), so a
refusal is answered from bytes made once, without Django's request, middleware or signals.
`OverloadMiddleware`, first in MIDDLEWARE, applies the same rule where the guard is not in front
(another server, the test client). Either way the refusal comes before any view runs, so nothing
of a refused request is written. Off (0) unless configured; the shipped config switches it on.
"""

import functools
import json
import threading
import time
from http.cookies import SimpleCookie

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

ADMITTED = "vakmanschap.overload.admitted"  # WSGI environ key: the guard already holds a slot


class Slots:
    """A bounded number of requests in flight in this process, and a bounded waiting room that
    shortens the wait while the queue stands (CoDel's rule, module docstring)."""

    def __init__(self, size: int, waiting: int, target: float = 0.1, interval: float = 0.5):
        self.size, self.waiting_room = size, waiting
        self.target, self.interval = target, interval
        self._semaphore = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self.waiting = 0
        self._last_short_wait = time.monotonic()  # the latest slot got within the target

    def standing(self, now: float) -> bool:
        """No slot got within the target for a whole interval: sustained overload."""
        return now - self._last_short_wait > self.interval

    def acquire(self, timeout: float) -> bool:
        """A slot at once if one is free; else wait up to `timeout` (only the target while the
        queue stands), only if there is room."""
        if self._semaphore.acquire(blocking=False):
            self._last_short_wait = time.monotonic()
            return True
        started = time.monotonic()
        with self._lock:
            if self.waiting >= self.waiting_room:
                return False
            self.waiting += 1
        if self.standing(started):
            timeout = min(timeout, self.target)
        try:
            got = self._semaphore.acquire(timeout=timeout)
        finally:
            with self._lock:
                self.waiting -= 1
        if got:
            now = time.monotonic()
            if now - started <= self.target:
                self._last_short_wait = now
        return got

    def release(self) -> None:
        self._semaphore.release()


_process_slots: dict[tuple, Slots] = {}
_creating = threading.Lock()


def process_slots() -> Slots | None:
    """This process's slots (one limit per process, however many handlers load the middleware)."""
    size = settings.OVERLOAD_MAX_IN_FLIGHT
    if size <= 0:
        return None
    key = (
        size,
        settings.OVERLOAD_MAX_WAITING,
        settings.OVERLOAD_QUEUE_TARGET_SECONDS,
        settings.OVERLOAD_QUEUE_INTERVAL_SECONDS,
    )
    with _creating:
        return _process_slots.setdefault(key, Slots(*key))


def queued_for(header: str, now: float) -> float:
    """Seconds the request waited before it reached us, from `X-Request-Start: t=<time>` (seconds,
    milliseconds or microseconds since the epoch, as nginx and others send it); 0 without it."""
    try:
        started = float(header.removeprefix("t="))
    except ValueError:
        return 0.0
    while started > now * 100:  # milli- or microseconds
        started /= 1000
    return max(now - started, 0.0)


def admit(environ: dict) -> Slots | None | bool:
    """The slots to release after the request; None when no limit is set; False: refuse it."""
    slots = process_slots()
    if slots is None:
        return None
    left = settings.OVERLOAD_MAX_QUEUE_SECONDS - queued_for(
        environ.get("HTTP_X_REQUEST_START", ""), time.time()
    )
    # One that already waited its time in front is refused even with a slot free: under overload
    # the oldest requests are the ones to shed, so the queue in front drains instead of growing.
    if left > 0 and slots.acquire(timeout=left):
        return slots
    return False


# The busy answer ---------------------------------------------------------------------------------


@functools.cache
def _busy_page() -> bytes:
    # Bilingual and without context: made once, it needs no database, session or request.
    return loader.get_template("503.html").render({}).encode()


@functools.cache
def _problem(language: str) -> bytes:
    with translation.override(language):
        detail = _("The server is busy. Please try again in a moment.")
    body = {"type": "about:blank", "title": "Service Unavailable", "status": 503}
    return json.dumps({**body, "detail": detail}).encode()


def _language(environ: dict) -> str:
    """The caller's language as LocaleMiddleware would choose it: cookie, then Accept-Language."""
    cookie = SimpleCookie()
    try:
        cookie.load(environ.get("HTTP_COOKIE", ""))
    except Exception:  # a malformed cookie header: fall back to Accept-Language
        cookie = SimpleCookie()
    chosen = cookie.get(settings.LANGUAGE_COOKIE_NAME)
    candidates = [chosen.value] if chosen else []
    accept = environ.get("HTTP_ACCEPT_LANGUAGE", "")
    candidates += [code for code, _q in translation.trans_real.parse_accept_lang_header(accept)]
    for code in candidates:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def busy_answer(environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
    """Content type, headers and body of the 503 for this request."""
    if environ.get("PATH_INFO", "").startswith("/api/"):
        content_type, body = "application/problem+json", _problem(_language(environ))
    else:
        content_type, body = "text/html; charset=utf-8", _busy_page()
    headers = [
        ("Content-Type", content_type),
        ("Retry-After", str(settings.OVERLOAD_RETRY_AFTER_SECONDS)),
        ("Cache-Control", "no-store"),
        # With its length the client knows where the answer ends.
        ("Content-Length", str(len(body))),
    ]
    return content_type, headers, body


def busy_response(request) -> HttpResponse:
    content_type, headers, body = busy_answer(request.META)
    response = HttpResponse(body, status=503, content_type=content_type)
    for name, value in headers:
        response[name] = value
    return response


# Where the rule applies --------------------------------------------------------------------------


def admission(application):
    """The WSGI application behind the overload rule: a refusal never reaches Django."""

    @functools.wraps(application)
    def guarded(environ, start_response):
        slots = admit(environ)
        if slots is False:
            _content_type, headers, body = busy_answer(environ)
            close_connection(start_response)
            start_response("503 Service Unavailable", headers)
            return [body]
        environ[ADMITTED] = True
        try:
            return application(environ, start_response)
        finally:
            if slots is not None:
                slots.release()

    return guarded


def close_connection(start_response) -> None:
    """Ask gunicorn to close the connection after this answer (`Connection: close`).

    A refusal is answered at once, so a proxy that reuses its most recently freed kept-alive
    connection first (nginx's upstream `keepalive`) would send its next request straight back to
    the full worker, and the next, while the other workers idle. Closed, the proxy takes another
    connection or opens a new one, which the least busy worker is the quickest to accept.
    Elsewhere (no gunicorn response behind `start_response`) it does nothing."""
    response = getattr(start_response, "__self__", None)
    if callable(getattr(response, "force_close", None)):
        response.force_close()


def guarded_application():
    """The project's WSGI application with the overload guard in front (gunicorn's `wsgi_app`)."""
    from vakmanschap.wsgi import application

    return admission(application)


class OverloadMiddleware:
    """First in MIDDLEWARE: the same rule where `admission` is not in front of the application."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get(ADMITTED):
            return self.get_response(request)
        slots = admit(request.META)
        if slots is False:
            return busy_response(request)
        try:
            return self.get_response(request)
        finally:
            if slots is not None:
                slots.release()
