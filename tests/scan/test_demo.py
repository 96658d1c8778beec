"""The demo content of the network and the scan: realistic, deterministic, idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import shared_data
from vakmanschap.demo.network import load_network_demo
from vakmanschap.demo.scan import load_scan_demo
from vakmanschap.network.models import EmployerProfile, NetworkMembership
from vakmanschap.scan import services
from vakmanschap.scan.models import Answer, Scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    shared_data("twente", "municipalities.csv")
    call_command("demo_data")
    load_network_demo()
    load_scan_demo()


def _snapshot():
    return (
        list(
            EmployerProfile.objects.values_list(
                "organisation__name", "sector", "size_class"
            ).order_by("pk")
        ),
        list(
            NetworkMembership.objects.values_list(
                "organisation__name", "start_date", "renewal_date"
            ).order_by("pk")
        ),
        list(Scan.objects.values_list("organisation__name", "created_at", "scores").order_by("pk")),
        Answer.objects.count(),
    )


def test_demo_employers_have_profiles_pledges_and_two_scans(demo):
    first = _snapshot()
    load_network_demo()
    load_scan_demo()
    assert _snapshot() == first
    assert EmployerProfile.objects.count() == 10
    assert NetworkMembership.objects.current().count() == 9
    assert Scan.objects.count() == 20
    for scan in Scan.objects.all():
        assert set(scan.scores) and all(10 <= v <= 95 for v in scan.scores.values()), scan.scores
    assert Scan.objects.filter(aggregated=False).count() == 1  # the one with too few respondents


def test_werkgever_sees_a_network_benchmark_and_advice(demo, client):
    from vakmanschap.accounts.models import User

    user = User.objects.get(email="werkgever@demo.local")
    client.force_login(user)
    employer = user.memberships.get().organisation
    data = services.report(employer)
    assert data["benchmark"]["group"] == "network" and data["benchmark"]["peer_count"] == 9
    assert data["weak_spots"][0] == "co-creatie"
    assert len(data["history"]) == 2
    html = client.get(reverse("scan:report", args=[employer.pk])).content.decode()
    assert html.count("<svg") == 2
