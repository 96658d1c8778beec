"""Broad welfare: the CSV import (all or nothing, line numbers), the marks over the years on the
monitor, and the scan's and follow-up's well-being answers, hidden for small groups."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import user_with_role
from tests.factories.employers import EmployerFactory
from tests.monitor.test_shortages_network import _scan
from vakmanschap.accounts.roles import Role
from vakmanschap.monitor.csv_files import CsvImportError
from vakmanschap.monitor.figures import Period
from vakmanschap.monitor.models import WelfareMark
from vakmanschap.monitor.welfare import import_marks, marks, well_being
from vakmanschap.region.models import LabourMarketRegion

pytestmark = pytest.mark.django_db
HEADER = "region_code,year,source,dimension,mark\n"


@pytest.fixture
def twente(db):
    return LabourMarketRegion.objects.home()


def _csv(tmp_path, body):
    path = tmp_path / "welfare.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _period():
    today = timezone.localdate()
    return Period(today - datetime.timedelta(days=400), today)


def test_the_sample_imports_and_the_marks_come_per_source_and_year(twente):
    call_command("import_broad_welfare")
    overall = WelfareMark.objects.get(region=twente, year=2025, source="rabo", dimension="overall")
    assert overall.mark == Decimal("7.4")  # the public figure
    (rabo, cbs) = marks(twente, Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)))
    assert rabo["years"] == [2024, 2025]
    assert len(rabo["dimensions"]) == 12  # the overall mark and the 11 dimensions
    assert len(cbs["dimensions"]) == 8
    early = marks(twente, Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)))
    assert [s["years"] for s in early] == [[2024]]  # no later years, and CBS starts in 2025


def test_a_second_import_replaces_a_mark_and_a_comma_is_a_decimal_point(twente, tmp_path):
    import_marks(_csv(tmp_path, "twente,2025,rabo,overall,7.4\n"))
    import_marks(_csv(tmp_path, 'twente,2025,rabo,overall,"7,5"\n'))
    assert WelfareMark.objects.get().mark == Decimal("7.5")


@pytest.mark.parametrize(
    "body, message",
    [
        ("nowhere,2025,rabo,overall,7\n", "Line 2, column region_code"),
        ("twente,2025,rabo,geluk,7\n", "Line 2, column dimension"),
        ("twente,2025,oecd,overall,7\n", "Line 2, column source"),
        ("twente,2025,rabo,overall,11\n", "Line 2, column mark"),
        ("twente,2025,rabo,overall,7.45\n", "Line 2, column mark"),
        ("twente,2025,rabo,overall,zeven\n", "Line 2, column mark"),
        ("twente,20x5,rabo,overall,7\n", "Line 2, column year"),
        ("twente,2025,rabo,overall,7\ntwente,2025,rabo,overall,8\n", "Line 3: the same"),
    ],
)
def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_imported(
    twente, tmp_path, body, message
):
    good = "twente,2024,rabo,overall,7.3\n"  # a good line first: still nothing imported
    shifted = re.sub(r"Line (\d+)", lambda m: f"Line {int(m[1]) + 1}", message)
    with translation.override("en"), pytest.raises(CsvImportError, match=shifted):
        import_marks(_csv(tmp_path, good + body))
    with translation.override("en"), pytest.raises(CsvImportError, match=message):
        import_marks(_csv(tmp_path, body))
    assert not WelfareMark.objects.exists()


def test_well_being_is_hidden_below_five_companies_and_ten_answers(world):
    employers = [EmployerFactory(municipality=world.enschede, member=True) for _ in range(5)]
    for i, employer in enumerate(employers[:4]):
        _scan(employer, {"duurzame-inzetbaarheid": 60.0 + i})
    figures = well_being(world.twente, _period())
    # The walk: 8 people answered the 6-month follow-up, each saying 4.
    assert figures["scan_score"] is None and figures["follow_up_helpfulness"] is None
    _scan(employers[4], {"duurzame-inzetbaarheid": 90.0})
    world.walk(0)
    world.walk(1)  # two more answers: 10
    figures = well_being(world.twente, _period())
    assert figures["scan_companies"] == 5
    assert figures["scan_score"] == round((60 + 61 + 62 + 63 + 90) / 5)
    assert (figures["follow_up_answers"], figures["follow_up_helpfulness"]) == (10, 4.0)


def test_the_monitor_page_shows_the_marks_next_to_the_outcomes(client, world):
    call_command("import_broad_welfare")
    client.force_login(user_with_role(Role.MONITOR))
    html = client.get(reverse("monitor:index")).content.decode()
    assert 'id="welfare-rabo-table"' in html
    assert 'id="well-being-table"' in html
    assert "Verborgen: minder dan 10 antwoorden" in html
