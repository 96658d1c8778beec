"""/api/v1/monitor/summary carries every section the monitor page shows (labour potential,
shortages, network, broad welfare, well-being at work), counted here independently of the
monitor; the open data's reach against the potential publishes no count of 1–9, in a cell or
in what a row or column leaves over."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from tests.api import contract
from tests.factories import OrganisationFactory, UserFactory, user_with_role
from tests.factories.employers import EmployerFactory
from tests.monitor.test_shortages_network import _scan
from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.core.presentation import format_euros
from vakmanschap.funding.models import FunderKind
from vakmanschap.monitor import opendata
from vakmanschap.monitor.potential import GROUPS
from vakmanschap.network.models import SbiSection
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db
API = "/api/v1/monitor/summary"
SECTIONS = ("labour_potential", "shortages", "network", "broad_welfare", "well_being")
HEADER = "cbs_code,year,total,part_time_wants_more,unemployed,status_holders\n"


def _year_query(**extra):
    year = timezone.localdate().year
    return {"from": f"{year}-01-01", "to": f"{year}-12-31", "region": "twente", **extra}


def _import_potential(tmp_path, year):
    path = tmp_path / "potential.csv"
    path.write_text(
        HEADER + f"GM0153,{year},13000,4550,3900,520\nGM0164,{year},7000,2450,2100,280\n",
        encoding="utf-8",
    )
    call_command("import_labour_potential", str(path))


def _fund_officer(municipality):
    return user_with_role(
        Role.FUND_OFFICER,
        OrganisationFactory(kind=OrganisationKind.FUND, municipality=municipality),
    )


def _monitor_of(municipality):
    """A monitor viewer working for an organisation in `municipality` (a municipality's own
    monitor): they see that region only."""
    user = UserFactory()
    organisation = OrganisationFactory(kind=OrganisationKind.FUND, municipality=municipality)
    Membership.objects.create(user=user, role=Role.MONITOR, organisation=organisation)
    return User.objects.get(pk=user.pk)


def test_the_api_carries_every_section_of_the_page(client, world, tmp_path):
    year = timezone.localdate().year
    _import_potential(tmp_path, year)
    call_command("import_broad_welfare")
    for i in range(5):
        employer = EmployerFactory(municipality=world.enschede, sector=SbiSection.Q, member=True)
        _scan(employer, {"leercultuur": 60.0 + i, "duurzame-inzetbaarheid": 70.0})
    for user in (user_with_role(Role.MONITOR), _fund_officer(world.enschede)):
        client.force_login(user)
        response = client.get(API, _year_query())
        assert response.status_code == 200
        body = response.json()
        assert contract.errors(body, "MonitorSummary") == []
        # Counted here from the records, not through the monitor.
        people = Participant.objects.filter(
            municipality__region=world.twente, created_at__year=year
        )
        potential = {row["code"]: row for row in body["labour_potential"]}
        assert set(potential) == {"GM0153", "GM0164"}  # Aalten is the other region's
        for code, row in potential.items():
            here = people.filter(municipality__cbs_code=code)
            for key, situation in GROUPS.items():
                assert row["reached"][key] == here.filter(work_situation=situation).count()
            assert row["reached"]["total"] == (5 if code == "GM0153" else 3)  # small: shown
            base = sum(row["potential"][g] for g in GROUPS)
            assert row["reached_per_thousand"] == round(1000 * row["reached"]["total"] / base, 1)
        (zorg,) = body["shortages"]["by_sector"]
        assert zorg["trained"] == 10 == body["completed"]
        assert body["shortages"]["other_occupations"] == 0
        assert [o["trained"] for o in body["shortages"]["by_occupation"]] == [10]
        network = body["network"]
        assert network["members"] == 5 and network["region"]["companies"] == 5
        assert network["region"]["scores"]["leercultuur"] == 62
        assert body["well_being"]["scan_score"] == 70
        (rabo, *_rest) = body["broad_welfare"]
        assert rabo["source"] == "rabo" and rabo["dimensions"] and rabo["years"]
        assert all(isinstance(m, float) for d in rabo["dimensions"] for m in d["marks"] if m)


def test_a_filter_narrows_the_sections_people(client, world):
    client.force_login(user_with_role(Role.MONITOR))
    body = client.get(API, _year_query(municipality="GM0164")).json()
    assert [row["code"] for row in body["labour_potential"]] == ["GM0164"]
    (zorg,) = body["shortages"]["by_sector"]
    # The walk: completed are i < 10; every third (0, 3, 6, 9) lives in Hengelo.
    assert zorg["trained"] == 4 == body["completed"]


def test_a_monitor_of_another_region_gets_404_problem(client, world):
    client.force_login(_monitor_of(world.aalten))
    response = client.get(API, _year_query())
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert "labour_potential" not in response.json()
    own = client.get(API, _year_query(region="achterhoek"))
    assert own.status_code == 200
    assert [row["code"] for row in own.json()["labour_potential"]] == ["GM0197"]


def test_an_unknown_region_is_404_problem(client, world):
    client.force_login(user_with_role(Role.MONITOR))
    response = client.get(API, _year_query(region="atlantis"))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_anonymous_and_other_roles_are_refused(client, world):
    assert client.get(API, _year_query()).status_code in (401, 403)
    for role in (Role.ADVISOR, Role.EMPLOYER_STAFF, Role.PROVIDER_STAFF):
        client.force_login(user_with_role(role))
        assert client.get(API, _year_query()).status_code == 403


def _leftovers(data):
    """Every count the open data's reach lets one work out: the cells, and per municipality
    its sign-ups minus the reached groups (the others), when all of those are published."""
    signed_up = {row["code"]: row["signed_up"] for row in data["by_municipality"]}
    for row in data["labour_potential"]:
        groups = [row["reached"][g] for g in GROUPS]
        yield from (v for v in groups + [row["reached"]["total"]] if v is not None)
        yield from (v for v in (row["potential"] or {}).values() if v is not None)
        if None not in groups and signed_up[row["code"]] is not None:
            yield signed_up[row["code"]] - sum(groups)


def _hidden_sums(data):
    """Per target group: what the hidden cells add up to, from the published group total."""
    totals = {row["key"]: row["signed_up"] for row in data["by_target_group"]}
    for key, situation in GROUPS.items():
        cells = [row["reached"][key] for row in data["labour_potential"]]
        hidden = [c for c in cells if c is None]
        if hidden and totals[situation.value] is not None:
            assert len(hidden) > 1, (key, cells)  # one hidden cell would be the difference
            yield totals[situation.value] - sum(c for c in cells if c is not None)


def _sign_up(world, municipality, n, situation):
    for i in range(n):
        world.participant(
            family_name=f"Extra {municipality.name} {situation} {i}",
            email=f"extra-{municipality.pk}-{situation}-{i}@example.org",
            municipality=municipality,
            work_situation=situation,
        )


def test_open_data_reach_publishes_no_small_count(world, tmp_path):
    year = timezone.localdate().year
    _import_potential(tmp_path, year)
    # The walk alone: 5 unemployed in Enschede and 3 in Hengelo, 7 others in Hengelo.
    data = opendata.open_summary(world.twente, year)
    assert contract.errors(data, "OpenDataSummary") == []
    published = list(_leftovers(data)) + list(_hidden_sums(data))
    assert all(not 1 <= v <= 9 for v in published), published
    assert all(row["reached"]["unemployed"] is None for row in data["labour_potential"])
    # Enough people everywhere: Enschede 5 + 12 unemployed (15 others), Hengelo 3 + 12
    # unemployed (7 + 3 others); every cell is safe now and shows.
    _sign_up(world, world.enschede, 12, "unemployed")
    _sign_up(world, world.hengelo, 12, "unemployed")
    _sign_up(world, world.hengelo, 3, "employed_full_time")
    data = opendata.open_summary(world.twente, year)
    published = list(_leftovers(data)) + list(_hidden_sums(data))
    assert all(not 1 <= v <= 9 for v in published), published
    reach = {row["code"]: row for row in data["labour_potential"]}
    assert reach["GM0153"]["reached"] == {
        "part_time_wants_more": 0,
        "unemployed": 17,
        "status_holders": 0,
        "total": 17,
    }
    assert reach["GM0164"]["reached"]["total"] == 15
    assert reach["GM0153"]["reached_per_thousand"] == round(17000 / (4550 + 3900 + 520), 1)
    assert reach["GM0153"]["potential"]["total"] == 13000


def test_open_data_hides_a_cell_that_a_row_would_reveal(world, tmp_path):
    """Hengelo with 10 sign-ups of whom 3 unemployed and 7 others: neither may show, and the
    unemployed of Enschede go too, or the column total would give Hengelo's away."""
    year = timezone.localdate().year
    _sign_up(world, world.enschede, 12, "unemployed")  # Enschede: 17 unemployed
    data = opendata.open_summary(world.twente, year)
    reach = {row["code"]: row for row in data["labour_potential"]}
    assert reach["GM0164"]["reached"]["unemployed"] is None
    assert reach["GM0164"]["reached"]["total"] is None
    assert reach["GM0153"]["reached"]["unemployed"] is None
    assert reach["GM0164"]["potential"] is None  # nothing imported
    published = list(_leftovers(data)) + list(_hidden_sums(data))
    assert all(not 1 <= v <= 9 for v in published), published


def test_the_monitor_role_sees_small_counts_the_open_data_hides(client, world):
    client.force_login(user_with_role(Role.MONITOR))
    body = client.get(API, _year_query()).json()
    hengelo = next(row for row in body["labour_potential"] if row["code"] == "GM0164")
    assert hengelo["reached"]["unemployed"] == 3
    opened = opendata.open_summary(world.twente, timezone.localdate().year)
    hidden = next(row for row in opened["labour_potential"] if row["code"] == "GM0164")
    assert hidden["reached"]["unemployed"] is None
    assert datetime.date.fromisoformat(body["from"]).year == opened["year"]


def test_the_public_page_and_csv_show_the_reach_as_suppressed(client, world, tmp_path):
    year = timezone.localdate().year
    _import_potential(tmp_path, year)
    _sign_up(world, world.enschede, 12, "unemployed")
    _sign_up(world, world.hengelo, 12, "unemployed")
    _sign_up(world, world.hengelo, 3, "employed_full_time")
    html = client.get("/open-data/", {"year": year}).content.decode()
    table = html.split('id="open-potential-table"')[1].split("</table>")[0]
    assert 'data-municipality="GM0153"' in table and "13000 (" in table and ">17<" in table
    csv = client.get("/open-data/summary.csv", {"year": year}).content.decode()
    assert f"twente,{year},target_groups_reached,GM0153,Enschede,17," in csv
    assert f"twente,{year},target_groups_reached,GM0164,Hengelo,15," in csv
    # Without the extra sign-ups the same rows are there, hidden.
    world_hidden = opendata.open_summary(world.achterhoek, year)
    assert [r["reached"]["total"] for r in world_hidden["labour_potential"]] == [None]


def test_money_per_funder_is_on_the_monitor_page_and_rounded_in_open_data(client, world):
    client.force_login(user_with_role(Role.MONITOR))
    (funder,) = client.get(API, _year_query()).json()["money"]["by_funder"]
    label = FunderKind(funder["funder"]).label
    with translation.override("nl"):
        html = client.get("/monitor/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        table = html.split('id="funder-table"')[1].split("</table>")[0]
        assert f">{label}<" in table and format_euros(funder["allocated"], "nl") in table
    client.logout()
    year = timezone.localdate().year
    opened = opendata.open_summary(world.twente, year)["money"]["by_funder"][0]
    page = client.get("/open-data/", {"year": year}).content.decode()
    table = page.split('id="funder-table"')[1].split("</table>")[0]
    assert format_euros(opened["allocated"] * 100) in table
    assert opened["allocated"] % 1000 == 0
