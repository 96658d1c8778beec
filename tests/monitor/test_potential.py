"""Untapped labour potential: the CSV import (all or nothing, errors with line numbers) and the
reach of the target groups set against it on the monitor page."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import MunicipalityFactory, ParticipantFactory, user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.monitor.csv_files import CsvImportError
from vakmanschap.monitor.figures import Period
from vakmanschap.monitor.models import LabourPotential
from vakmanschap.monitor.potential import SAMPLE, against_reach, import_potential
from vakmanschap.region.models import LabourMarketRegion

pytestmark = pytest.mark.django_db
HEADER = "cbs_code,year,total,part_time_wants_more,unemployed,status_holders\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):  # the messages as the command line shows them
        yield


@pytest.fixture
def twente():
    region = LabourMarketRegion.objects.home()
    for code, name in (("GM0153", "Enschede"), ("GM0164", "Hengelo"), ("GM0141", "Almelo")):
        municipality = MunicipalityFactory(cbs_code=code, name=name)
        municipality.region = region
        municipality.save()
    return region


def _csv(tmp_path, body, name="potential.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_import_reads_comments_and_replaces_a_year_on_a_second_import(twente, tmp_path):
    path = _csv(
        tmp_path, "# illustrative\nGM0153,2022,13000,4550,3900,520\n\nGM0164,2022,7000,1,2,3\n"
    )
    assert import_potential(path) == 2
    enschede = LabourPotential.objects.get(municipality__cbs_code="GM0153")
    assert (enschede.year, enschede.total, enschede.unemployed) == (2022, 13000, 3900)
    import_potential(_csv(tmp_path, "GM0153,2022,12000,4000,3000,500\n"))
    assert LabourPotential.objects.count() == 2
    assert LabourPotential.objects.get(municipality__cbs_code="GM0153").total == 12000


@pytest.mark.parametrize(
    "body, message",
    [
        ("GM0153,2022,13000,4550,3900,520\nGM9999,2022,1,0,0,0\n", "Line 3, column cbs_code"),
        ("GM0153,2022,13000,4550,3900,520\nGM0164,twee,1,0,0,0\n", "Line 3, column year"),
        ("GM0153,2022,13000,4550,3900,520\nGM0164,2022,-5,0,0,0\n", "Line 3, column total"),
        ("GM0153,2022,13000,4550,3900,520\nGM0164,1850,5,0,0,0\n", "Line 3, column year"),
        ("GM0153,2022,100,101,0,0\n", "Line 2, column part_time_wants_more: more than"),
        ("GM0153,2022,1,0,0,0\nGM0153,2022,2,0,0,0\n", "Line 3: GM0153 2022 is already on line 2"),
        ("GM0153,2022,1,0,0\n", "Line 2: 5 values where the header has 6"),
    ],
)
def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_imported(
    twente, tmp_path, body, message
):
    with pytest.raises(CsvImportError, match=message):
        import_potential(_csv(tmp_path, body))
    assert not LabourPotential.objects.exists()


def test_a_missing_column_is_named_and_the_command_fails(twente, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("cbs_code,year,total\nGM0153,2022,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 1: missing column"):
        call_command("import_labour_potential", str(path))
    assert not LabourPotential.objects.exists()


def test_the_sample_file_imports_all_of_twente(db, settings):
    home = LabourMarketRegion.objects.home()
    call_command(
        "import_regions",
        str(settings.SHARED_DIR / "twente" / "municipalities.csv"),
        region=home.code,
    )
    call_command("import_labour_potential")
    assert LabourPotential.objects.count() == 14
    assert sum(LabourPotential.objects.values_list("total", flat=True)) == 42_000
    assert SAMPLE.read_text(encoding="utf-8").startswith("#")


def test_reach_counts_the_target_groups_who_signed_up_against_the_latest_potential(
    twente, tmp_path
):
    import_potential(
        _csv(
            tmp_path,
            "GM0153,2021,20000,1000,1000,100\nGM0153,2022,13000,4000,3000,500\n"
            "GM0164,2027,7000,2000,2000,200\n",
        )
    )
    enschede = twente.municipalities.get(cbs_code="GM0153")
    for situation in ["unemployed"] * 3 + ["status_holder"] * 2 + ["employed_full_time"] * 4:
        ParticipantFactory(municipality=enschede, work_situation=situation)
    today = datetime.date.today()
    rows = {r.code: r for r in against_reach(twente, Period.year(today.year))}
    assert rows["GM0153"].year == 2022  # the latest year up to the period
    assert rows["GM0153"].reached == {
        "part_time_wants_more": 0,
        "unemployed": 3,
        "status_holders": 2,
        "total": 5,
    }
    assert rows["GM0153"].per_thousand == round(1000 * 5 / 7500, 1)
    assert rows["GM0164"].year is None  # 2027 lies after the period
    assert rows["GM0141"].per_thousand is None
    last_year = against_reach(twente, Period.year(today.year - 1))
    assert {r.code: r.reached["total"] for r in last_year}["GM0153"] == 0


def test_the_monitor_page_shows_the_potential_beside_the_reach(client, twente, tmp_path):
    import_potential(_csv(tmp_path, "GM0153,2022,13000,4000,3000,500\n"))
    ParticipantFactory(
        municipality=twente.municipalities.get(cbs_code="GM0153"), work_situation="unemployed"
    )
    client.force_login(user_with_role(Role.MONITOR))
    response = client.get(reverse("monitor:index"))
    html = response.content.decode()
    assert 'id="potential-table"' in html
    assert "13000 (2022)" in html
    assert "7500" in html  # the three target groups' potential


def test_the_errors_speak_dutch_first(twente, tmp_path):
    with translation.override("nl"), pytest.raises(CsvImportError, match="Regel 2, kolom year"):
        import_potential(_csv(tmp_path, "GM0153,twee,1,0,0,0\n"))
