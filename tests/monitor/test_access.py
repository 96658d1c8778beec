import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, OrganisationFactory, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.region.models import LabourMarketRegion

pytestmark = pytest.mark.django_db
API = "/api/v1/monitor/summary"
PERIOD = {"from": "2026-01-01", "to": "2026-12-31"}


@pytest.fixture
def regions():
    twente = LabourMarketRegion.objects.home()
    achterhoek = LabourMarketRegion.objects.create(code="achterhoek", name="Achterhoek")
    enschede = MunicipalityFactory(cbs_code="GM0153", name="Enschede")
    enschede.region = twente
    enschede.save()
    aalten = MunicipalityFactory(cbs_code="GM0197", name="Aalten")
    aalten.region = achterhoek
    aalten.save()
    return twente, achterhoek, enschede, aalten


def _fund_officer(municipality):
    return user_with_role(
        Role.FUND_OFFICER,
        OrganisationFactory(kind=OrganisationKind.FUND, municipality=municipality),
    )


def test_monitor_viewer_and_fund_officer_see_their_region(client, regions):
    twente, achterhoek, enschede, aalten = regions
    for user in (user_with_role(Role.MONITOR), _fund_officer(enschede)):
        client.force_login(user)
        assert client.get(reverse("monitor:index")).status_code == 200
        response = client.get(API, PERIOD | {"region": "twente"})
        assert response.status_code == 200
        for key in (
            "signed_up",
            "conversations",
            "plans_approved",
            "cheques_issued",
            "started",
            "completed",
            "in_work_6m",
            "goal_per_year",
            "by_municipality",
            "by_target_group",
            "money",
        ):
            assert key in response.json()


def test_fund_officer_of_another_region_gets_404(client, regions):
    twente, achterhoek, enschede, aalten = regions
    client.force_login(_fund_officer(aalten))
    assert client.get(reverse("monitor:index"), {"region": "twente"}).status_code == 404
    assert client.get(API, PERIOD | {"region": "twente"}).status_code == 404
    assert client.get(reverse("monitor:index"), {"region": "achterhoek"}).status_code == 200
    assert client.get(API, PERIOD | {"region": "achterhoek"}).status_code == 200


@pytest.mark.parametrize(
    "role",
    [
        Role.ADVISOR,
        Role.PARTICIPANT,
        Role.PROVIDER_STAFF,
        Role.EMPLOYER_STAFF,
        Role.FINANCE_OFFICER,
    ],
)
def test_other_roles_are_refused(client, regions, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("monitor:index")).status_code == 403
    assert client.get(API, PERIOD).status_code == 403


def test_anonymous_goes_to_login_and_the_api_says_401(client, regions):
    assert client.get(reverse("monitor:index")).status_code == 302
    assert client.get(API, PERIOD).status_code in (401, 403)


def test_bad_input(client, regions):
    client.force_login(user_with_role(Role.MONITOR))
    missing = client.get(API, PERIOD | {"region": "nergens"})
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/problem+json")
    bad = client.get(API, {"from": "2026-13-01", "to": "2026-01-01"})
    assert bad.status_code == 400 and "from" in bad.json()["errors"]
    backwards = client.get(API, {"from": "2026-02-01", "to": "2026-01-01"})
    assert backwards.status_code == 400 and "to" in backwards.json()["errors"]
    page = client.get(
        reverse("monitor:index"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert page.status_code == 200 and 'id="id_date_to_error"' in page.content.decode()
    assert client.get(reverse("monitor:index"), {"region": "nergens"}).status_code == 404


def test_the_monitor_roles_start_page_is_the_monitor(client, regions):
    client.force_login(user_with_role(Role.MONITOR))
    response = client.get(reverse("ui:start"))
    assert response.status_code == 200 and 'id="funnel-table"' in response.content.decode()


def test_the_summary_api_takes_the_page_filters_and_refuses_bad_values(client, regions):
    twente, achterhoek, enschede, aalten = regions
    client.force_login(user_with_role(Role.MONITOR))
    params = PERIOD | {"region": "twente"}
    ok = client.get(
        API,
        params
        | {
            "municipality": "GM0153",
            "target_group": "unemployed",
            "education_level": "mbo2",
            "age_band": "25-34",
        },
    )
    assert ok.status_code == 200
    assert ok.json()["filters"] == {
        "municipality": "GM0153",
        "target_group": "unemployed",
        "education_level": "mbo2",
        "age_band": "25-34",
    }
    for name, value in (
        ("municipality", "GM0197"),  # Aalten lies in another region
        ("target_group", "employed_full_time"),
        ("education_level", "phd"),
        ("age_band", "12-14"),
        ("sector", "ruimtevaart"),
    ):
        response = client.get(API, params | {name: value})
        assert response.status_code == 400, name
        assert response["Content-Type"].startswith("application/problem+json")
        assert list(response.json()["errors"]) == [name]
    unknown = client.get(API, PERIOD | {"region": "atlantis", "age_band": "25-34"})
    assert unknown.status_code == 404
    assert unknown["Content-Type"].startswith("application/problem+json")
