"""Attendance below the scheme's minimum is warned about as soon as the provider reports it, on
the page and in the API's answer, not only when the final invoice is checked."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.api.test_fund_workflow_api import client_for
from vakmanschap.delivery import services
from vakmanschap.funding.models import Cheque, Scheme

pytestmark = pytest.mark.django_db

WARNING_NL = "ligt onder het minimum van 80% van de regeling"


def test_the_service_warns_below_the_minimum_only(world):
    cheque = world.started()
    with translation.override("nl"):
        assert services.attendance_warning(cheque) is None  # nothing reported yet
        services.record_attendance(cheque, by=world.provider_user, percent=79)
        cheque = Cheque.objects.get(pk=cheque.pk)
        warning = services.attendance_warning(cheque)
    assert warning.startswith("Aanwezigheid: 79%") and WARNING_NL in warning
    services.record_attendance(cheque, by=world.provider_user, percent=80)
    assert services.attendance_warning(Cheque.objects.get(pk=cheque.pk)) is None
    Scheme.objects.filter(pk=world.scheme.pk).update(attendance_threshold=90)
    assert "90%" in services.attendance_warning(Cheque.objects.get(pk=cheque.pk))


def test_the_cheque_page_warns_at_once(client, world):
    cheque = world.started()
    url = reverse("delivery:cheque_action", args=[cheque.pk, "attendance"])
    client.force_login(world.provider_user)
    page = client.post(url, {"attendance-percent": "60"}, follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    assert "utrecht-alert--warning" in html and "Aanwezigheid: 60%" in html
    page = client.post(url, {"attendance-percent": "95"}, follow=True)
    assert "utrecht-alert--warning" not in page.content.decode()
    # Another provider's staff (same role) gets 404 and changes nothing.
    client.force_login(world.other_provider_user)
    assert client.post(url, {"attendance-percent": "10"}).status_code == 404
    assert Cheque.objects.get(pk=cheque.pk).attendance_percent == 95


def test_the_api_answers_with_a_warning(world):
    cheque = world.started()
    api = client_for(world.provider_user)
    url = f"/api/v1/cheques/{cheque.pk}/attendance"
    low = api.post(url, {"percent": 50}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert low.status_code == 200 and low.json()["attendance_percent"] == 50
    (warning,) = low.json()["warnings"]
    assert warning.startswith("Aanwezigheid: 50%")
    assert api.post(url, {"percent": 100}, format="json").json()["warnings"] == []
    other = client_for(world.other_provider_user)
    assert other.post(url, {"percent": 10}, format="json").status_code == 404
