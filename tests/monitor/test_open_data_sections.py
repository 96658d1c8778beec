"""The monitor's newer sections in open data: no count of 1–9, none derivable from a total."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories.employers import EmployerFactory
from tests.monitor.test_shortages_network import _scan, _vacancy
from vakmanschap.esco.models import ShortageOccupation
from vakmanschap.esco.shortage import shortage_list_on
from vakmanschap.monitor import opendata
from vakmanschap.network.models import SbiSection

COUNT_KEYS = {
    "trained",
    "vacancies",
    "learning_work_places",
    "other_occupations",
    "members",
    "pledges",
    "scans",
    "companies",
    "scan_companies",
    "follow_up_answers",
}


def _counts(value, key=None):
    """Every published count under the keys above, anywhere in the structure."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _counts(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _counts(v, key)
    elif key in COUNT_KEYS and value is not None:
        yield value


def test_new_sections_publish_no_small_count(world):
    call_command("import_broad_welfare")
    for municipality in (world.enschede, world.hengelo, world.enschede):
        _vacancy(world, municipality, bbl=True)
    for i in range(6):
        employer = EmployerFactory(municipality=world.enschede, sector=SbiSection.Q, member=True)
        _scan(employer, {"leercultuur": 50.0 + i, "duurzame-inzetbaarheid": 70.0})
    data = opendata.open_summary(world.twente, timezone.localdate().year)
    published = list(_counts({k: data[k] for k in ("shortages", "network", "well_being")}))
    assert published  # something is published at all
    assert all(not 1 <= v <= 9 for v in published), published
    # The walk: 10 people completed, every plan aimed at the nurse (sector zorg).
    (zorg,) = data["shortages"]["by_sector"]
    assert (zorg["trained"], data["shortages"]["other_occupations"]) == (10, 0)
    assert zorg["vacancies"] is None  # 3 vacancies: a small count
    care = next(r for r in data["network"]["by_sector"] if r["sector"] == "Q")
    assert care["companies"] is None  # 6 companies: hidden as a count ...
    assert care["scores"]["leercultuur"] == round(
        sum(50 + i for i in range(6)) / 6
    )  # ... not the mean
    assert data["network"]["members"] is None  # 6 members
    assert data["well_being"]["scan_score"] == 70
    assert data["broad_welfare"][0]["dimensions"][0]["marks"][-1] == 7.4


def test_a_small_remainder_hides_the_sector(world):
    """One more person completes a course towards a second sector: 11 completed, 10 in care, 1
    in administration. The 1 is hidden, and so is the 10, which would give it away."""
    ShortageOccupation.objects.create(
        shortage_list=shortage_list_on(), occupation=world.clerk, sector="administratie"
    )
    world.nurse = world.clerk  # the walk's plans aim at `world.nurse`
    world.walk(9)  # completes, answers no follow-up
    data = opendata.open_summary(world.twente, timezone.localdate().year)
    assert data["completed"] == 11
    sectors = {row["sector"]: row["trained"] for row in data["shortages"]["by_sector"]}
    assert sectors == {"administratie": None, "zorg": None}
    assert data["shortages"]["other_occupations"] == 0


@pytest.mark.django_db
def test_the_public_page_and_csv_show_the_new_sections(client, world):
    call_command("import_broad_welfare")
    year = timezone.localdate().year
    html = client.get("/open-data/", {"year": year}).content.decode()
    assert 'id="open-shortage-table"' in html
    assert 'id="open-network-table"' in html
    csv = client.get("/open-data/summary.csv", {"year": year}).content.decode()
    assert f"twente,{year},shortage_sector,zorg,,,10" in csv
    assert f"twente,{year},shortage_sector,other,,,0" in csv
