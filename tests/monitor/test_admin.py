"""The imported labour potential and broad-welfare marks are editable in the admin, held to
the same rules as their CSV imports, with the errors in Dutch."""

import pytest
from django.test import Client

from tests.factories import MunicipalityFactory
from vakmanschap.accounts.models import User
from vakmanschap.monitor.models import LabourPotential, WelfareMark
from vakmanschap.region.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(User.objects.create_superuser("beheer@example.org", "x" * 12))
    return client


def test_a_welfare_mark_is_added_with_its_dimension_checked(admin_client):
    twente = LabourMarketRegion.objects.home()
    url = "/admin/monitor/welfaremark/add/"
    fields = {"region": twente.pk, "year": 2024, "source": "rabo"}
    refused = admin_client.post(url, fields | {"dimension": "geluk", "mark": "11"})
    html = refused.content.decode()
    assert refused.status_code == 200 and not WelfareMark.objects.exists()
    assert "Geef een rapportcijfer van 1 tot 10." in html
    assert "“geluk” is niet een van overall, inkomen" in html
    added = admin_client.post(url, fields | {"dimension": " Gezondheid ", "mark": "7.4"})
    assert added.status_code == 302
    mark = WelfareMark.objects.get()
    assert (mark.dimension, str(mark.mark)) == ("gezondheid", "7.4")
    assert admin_client.get("/admin/monitor/welfaremark/").status_code == 200


def test_labour_potential_groups_may_not_exceed_the_total(admin_client):
    enschede = MunicipalityFactory(cbs_code="GM0153", name="Enschede")
    url = "/admin/monitor/labourpotential/add/"
    fields = {"municipality": enschede.pk, "year": 2022, "total": 1000, "status_holders": 40}
    refused = admin_client.post(url, fields | {"part_time_wants_more": 1200, "unemployed": 300})
    assert "Meer dan het onbenut arbeidspotentieel in totaal." in refused.content.decode()
    assert not LabourPotential.objects.exists()
    fields |= {"part_time_wants_more": 350, "unemployed": 300}
    assert admin_client.post(url, fields).status_code == 302
    assert LabourPotential.objects.get().unemployed == 300
    assert admin_client.get("/admin/monitor/labourpotential/").status_code == 200
