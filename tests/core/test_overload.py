"""Graceful overload: a full server answers 503 with Retry-After at once, and writes nothing."""

import json
import os
import runpy
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signals
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import MunicipalityFactory
from tests.people.test_sign_up_and_triage import SIGN_UP
from vakmanschap.accounts.models import User
from vakmanschap.core import overload
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_slot(settings):
    settings.OVERLOAD_MAX_IN_FLIGHT = 1
    settings.OVERLOAD_MAX_WAITING = 1
    settings.OVERLOAD_MAX_QUEUE_SECONDS = 0.2
    settings.OVERLOAD_RETRY_AFTER_SECONDS = 7
    slots = overload.process_slots()
    yield slots
    overload._process_slots.clear()


def test_a_sign_up_refused_for_overload_is_answered_at_once_and_writes_nothing(client, one_slot):
    data = {**SIGN_UP, "municipality": MunicipalityFactory().pk}
    client.get(reverse("people:sign_up"))  # warm: URLs and templates loaded
    assert one_slot.acquire(timeout=0)  # another request is in flight
    try:
        started = time.monotonic()
        response = client.post(reverse("people:sign_up"), data)
        waited = time.monotonic() - started
    finally:
        one_slot.release()
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    page = response.content.decode()
    assert "Het is nu erg druk" in page and "We are very busy" in page
    assert 0.2 <= waited < 1.5  # waited for a slot no longer than the limit
    assert not User.objects.exists() and not Participant.objects.exists()

    # With the slot free again, the same submission goes through.
    assert client.post(reverse("people:sign_up"), data).status_code == 302
    assert Participant.objects.count() == 1


def test_a_request_that_already_queued_too_long_in_front_is_refused_without_waiting(
    client, one_slot
):
    client.get("/")  # warm: URLs and templates loaded
    three_seconds_ago = int((time.time() - 3) * 1_000_000)  # nginx: microseconds
    started = time.monotonic()
    response = client.get("/", HTTP_X_REQUEST_START=f"t={three_seconds_ago}")
    assert response.status_code == 503 and response["Retry-After"] == "7"
    assert time.monotonic() - started < 0.2
    fresh = int(time.time() * 1000)  # milliseconds
    assert client.get("/", HTTP_X_REQUEST_START=f"t={fresh}").status_code == 200


def test_the_api_gets_problem_json_in_the_callers_language(client, one_slot):
    assert one_slot.acquire(timeout=0)
    try:
        dutch = client.get("/api/v1/courses/")
        english = client.get("/api/v1/courses/", HTTP_ACCEPT_LANGUAGE="en")
    finally:
        one_slot.release()
    assert dutch.status_code == 503 and dutch["Content-Type"] == "application/problem+json"
    assert dutch["Retry-After"] == "7"
    assert dutch.json()["status"] == 503
    assert dutch.json()["detail"].startswith("Het is nu erg druk")
    assert english.json()["detail"] == "The server is busy. Please try again in a moment."


def test_without_a_limit_nothing_is_refused(client, settings):
    settings.OVERLOAD_MAX_IN_FLIGHT = 0
    old = int((time.time() - 60) * 1000)
    assert client.get("/", HTTP_X_REQUEST_START=f"t={old}").status_code == 200


# The bounded waiting room ------------------------------------------------------------------------


def _wait_in_the_room(slots, seconds):
    """A thread that waits for a slot (and gives it back if it gets one); returns when waiting."""

    def wait():
        if slots.acquire(timeout=seconds):
            slots.release()

    waiter = threading.Thread(target=wait)
    waiter.start()
    deadline = time.monotonic() + 2
    while slots.waiting < 1 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert slots.waiting == 1
    return waiter


def test_with_the_slots_and_the_waiting_room_full_a_request_is_refused_without_waiting(
    client, one_slot, settings
):
    settings.OVERLOAD_MAX_QUEUE_SECONDS = 1.5
    client.get("/")  # warm
    slots = overload.process_slots()  # the waiting room of one (OVERLOAD_MAX_WAITING = 1)
    assert slots.acquire(timeout=0)
    waiter = _wait_in_the_room(slots, 1.0)
    try:
        started = time.monotonic()
        response = client.get("/")
        assert time.monotonic() - started < 0.3  # not the 1.5 s it could have waited
    finally:
        slots.release()
        waiter.join()
    assert response.status_code == 503 and response["Retry-After"] == "7"
    assert slots.waiting == 0
    assert client.get("/").status_code == 200  # slot and room free again


def test_without_a_waiting_room_a_full_server_refuses_at_once(client, one_slot, settings):
    settings.OVERLOAD_MAX_WAITING = 0
    slots = overload.process_slots()
    assert slots.acquire(timeout=0)
    try:
        started = time.monotonic()
        response = client.get("/")
        assert time.monotonic() - started < 0.15  # the queue limit is 0.2 s
    finally:
        slots.release()
    assert response.status_code == 503
    assert client.get("/").status_code == 200


# The guard in front of Django (gunicorn.conf.py's wsgi_app) ---------------------------------------


def _call(app, request):
    """One WSGI call: status, headers and body."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    result = app(request.environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer["status"], answer["headers"], body


@pytest.fixture
def guarded(one_slot):
    """The project's WSGI application behind the guard, with Django's request signals observed
    (and, as Django's own test client does, without closing the test's database connection)."""
    from vakmanschap.wsgi import application

    seen = []

    def started(**kwargs):
        seen.append("request_started")

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.request_started.connect(started)
    try:
        yield overload.admission(application), seen
    finally:
        signals.request_started.disconnect(started)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_the_guard_refuses_a_sign_up_without_entering_django_and_writes_nothing(guarded, one_slot):
    app, seen = guarded
    data = {**SIGN_UP, "municipality": MunicipalityFactory().pk}
    request = RequestFactory().post(reverse("people:sign_up"), data)
    assert one_slot.acquire(timeout=0)
    try:
        status, headers, body = _call(app, request)
    finally:
        one_slot.release()
    assert status.startswith("503")
    assert headers["Retry-After"] == "7" and headers["Content-Length"] == str(len(body))
    page = body.decode()
    assert "Het is nu erg druk" in page and "We are very busy" in page
    assert seen == []  # Django's handler never started on it
    assert not User.objects.exists() and not Participant.objects.exists()


def test_the_guard_lets_a_request_through_and_holds_the_only_slot_once(guarded, one_slot):
    app, seen = guarded
    # One slot in all: were the middleware to take a second one behind the guard, this would be
    # refused.
    status, _headers, body = _call(app, RequestFactory().get("/"))
    assert status.startswith("200") and seen == ["request_started"]
    assert one_slot.acquire(timeout=0)  # given back after the answer
    one_slot.release()


def test_the_guard_answers_the_api_with_problem_json_in_the_callers_language(guarded, one_slot):
    app, _seen = guarded
    assert one_slot.acquire(timeout=0)
    try:
        dutch = _call(app, RequestFactory().get("/api/v1/courses/"))
        english = _call(app, RequestFactory().get("/api/v1/courses/", HTTP_ACCEPT_LANGUAGE="en"))
        by_cookie = _call(
            app,
            RequestFactory().get(
                "/api/v1/courses/",
                HTTP_ACCEPT_LANGUAGE="nl",
                HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=en",
            ),
        )
    finally:
        one_slot.release()
    assert dutch[1]["Content-Type"] == "application/problem+json"
    assert json.loads(dutch[2])["detail"].startswith("Het is nu erg druk")
    assert json.loads(english[2])["detail"] == "The server is busy. Please try again in a moment."
    assert json.loads(by_cookie[2])["detail"] == json.loads(english[2])["detail"]
    assert json.loads(english[2])["status"] == 503 and english[1]["Retry-After"] == "7"


def test_the_shipped_gunicorn_config_serves_the_guarded_application(guarded, one_slot):
    from unittest import mock

    from gunicorn.util import import_app

    with mock.patch.dict(os.environ):  # the config sets its defaults in the environment
        config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    app = import_app(config["wsgi_app"])
    assert one_slot.acquire(timeout=0)
    try:
        status, headers, _body = _call(app, RequestFactory().get("/"))
    finally:
        one_slot.release()
    assert status.startswith("503") and headers["Retry-After"] == "7"
    assert _call(app, RequestFactory().get("/"))[0].startswith("200")


# A burst waits; a standing queue gets short waits (CoDel's rule) ---------------------------------


def _waiters(slots, count, seconds):
    """`count` threads that wait for a slot up to `seconds`; returns them and their outcomes."""
    outcomes = []

    def wait():
        got = slots.acquire(timeout=seconds)
        outcomes.append(got)
        if got:
            slots.release()

    threads = [threading.Thread(target=wait) for _ in range(count)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 2
    while slots.waiting < count and time.monotonic() < deadline:
        time.sleep(0.005)
    assert slots.waiting == count
    return threads, outcomes


def test_a_burst_waits_for_the_slot_instead_of_being_refused():
    slots = overload.Slots(1, waiting=4, target=0.05, interval=0.3)
    assert slots.acquire(timeout=0)  # the one slot is busy
    threads, outcomes = _waiters(slots, 4, seconds=1.0)
    time.sleep(0.1)
    slots.release()  # the burst is served one after the other
    for thread in threads:
        thread.join()
    assert outcomes == [True] * 4


def test_a_standing_queue_shortens_the_wait_to_the_target_and_a_short_wait_ends_it():
    slots = overload.Slots(1, waiting=4, target=0.05, interval=0.2)
    assert slots.acquire(timeout=0)  # busy, and nobody will get a slot within the target
    assert not slots.standing(time.monotonic())
    time.sleep(0.25)
    assert slots.standing(time.monotonic())
    started = time.monotonic()
    assert not slots.acquire(timeout=1.0)  # may wait 1 s, but the queue stands: 0.05 s
    assert time.monotonic() - started < 0.5
    slots.release()
    assert slots.acquire(timeout=1.0)  # a free slot at once: the queue no longer stands
    assert not slots.standing(time.monotonic())
    slots.release()


def test_before_the_queue_stands_a_request_waits_up_to_its_limit():
    slots = overload.Slots(1, waiting=1, target=0.05, interval=5)
    assert slots.acquire(timeout=0)
    started = time.monotonic()
    assert not slots.acquire(timeout=0.3)
    assert time.monotonic() - started >= 0.3
    slots.release()


def test_the_shipped_config_keeps_one_thread_free_of_the_waiting_room():
    from unittest import mock

    with mock.patch.dict(os.environ, {"GUNICORN_THREADS": "8"}):
        for name in ("VAKMANSCHAP_MAX_IN_FLIGHT", "VAKMANSCHAP_MAX_WAITING"):
            os.environ.pop(name, None)
        runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
        assert os.environ["VAKMANSCHAP_MAX_IN_FLIGHT"] == "2"
        assert os.environ["VAKMANSCHAP_MAX_WAITING"] == "5"  # 8 threads: 2 run, 5 wait, 1 refuses
        assert os.environ["VAKMANSCHAP_QUEUE_TARGET_SECONDS"] == "0.1"
