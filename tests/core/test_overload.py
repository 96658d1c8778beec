"""Graceful overload: a full server answers 503 with Retry-After at once, and writes nothing."""

import time

import pytest
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
