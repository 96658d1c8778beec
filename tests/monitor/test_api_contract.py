"""The monitor's and the open data's API answers match their documented schemas exactly: every
key documented, nothing undocumented, suppressed cells null where the contract allows it."""

import pytest
from django.utils import timezone

from tests.api import contract
from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_monitor_summary_matches_its_schema(client, world):
    year = timezone.localdate().year
    client.force_login(user_with_role(Role.MONITOR))
    response = client.get(
        "/api/v1/monitor/summary",
        {"from": f"{year}-01-01", "to": f"{year}-12-31", "region": "twente"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["signed_up"] == 30 and body["money"]["by_stream"]
    assert contract.errors(body, "MonitorSummary") == []


def test_open_data_summary_matches_its_schema(client, world):
    response = client.get(
        "/api/v1/open-data/summary", {"year": timezone.localdate().year, "region": "twente"}
    )
    assert response.status_code == 200
    body = response.json()
    # Suppressed cells are in this answer, so the nullable fields are exercised.
    assert None in [row["completed"] for row in body["by_municipality"] + body["by_quarter"]]
    assert contract.errors(body, "OpenDataSummary") == []


def test_the_check_is_strict():
    """An undocumented key, a missing key and a null where none is allowed are each found."""
    row = {"code": "GM0153", "name": "Enschede", "signed_up": 3, "completed": 1}
    assert contract.errors(row, "MonitorMunicipalityFigures") == []
    assert contract.errors(row | {"extra": 1}, "MonitorMunicipalityFigures")
    assert contract.errors({**row, "completed": None}, "MonitorMunicipalityFigures")
    assert contract.errors({**row, "completed": None}, "OpenDataMunicipalityFigures") == []
    del row["name"]
    assert contract.errors(row, "MonitorMunicipalityFigures")
