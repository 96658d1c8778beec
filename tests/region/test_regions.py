import datetime
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from vakmanschap.region.importer import RegionImportError, import_regions
from vakmanschap.region.models import LabourMarketRegion, Municipality

pytestmark = pytest.mark.django_db
SHARED_LAYOUT = "cbs_code,name\nGM0153,Enschede\nGM0164,Hengelo\n"


def _write(tmp_path, text):
    path = tmp_path / "municipalities.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_shared_layout_goes_to_the_region_named_by_the_caller(tmp_path, capsys):
    call_command(
        "import_regions",
        str(_write(tmp_path, SHARED_LAYOUT)),
        region="Twente",
        region_name="Twente",
    )
    assert "Imported 2 municipalities in 1 region(s)." in capsys.readouterr().out
    twente = LabourMarketRegion.objects.get(code="twente")
    assert sorted(twente.municipalities.values_list("cbs_code", flat=True)) == [
        "GM0153",
        "GM0164",
    ]


def test_region_columns_hold_several_regions_and_reimport_updates(tmp_path):
    path = _write(
        tmp_path,
        "cbs_code,name,region_code,region_name\n"
        "GM0153,Enschede,twente,Twente\nGM0197,Aalten,achterhoek,Achterhoek\n",
    )
    result = import_regions(path)
    assert (result.regions, result.municipalities) == (2, 2)
    assert Municipality.objects.get(cbs_code="GM0197").region.name == "Achterhoek"
    import_regions(_write(tmp_path, "cbs_code,name\nGM0197,Aalten (Gld)\n"), region_code="twente")
    aalten = Municipality.objects.get(cbs_code="GM0197")
    assert (aalten.name, aalten.region.code) == ("Aalten (Gld)", "twente")
    assert Municipality.objects.count() == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ("code,naam\nGM0153,Enschede\n", "Line 1: missing column(s) cbs_code, name"),
        (
            "cbs_code,name,region_code,region_name\nGM0153,Enschede,twente,Twente\n"
            "0164,Hengelo,twente,Twente\n",
            "Line 3, column cbs_code: “0164” is not a CBS code",
        ),
        (
            "cbs_code,name,region_code,region_name\nGM0153,,twente,Twente\n",
            "Line 2, column name: empty",
        ),
        ("cbs_code,name\nGM0153,Enschede\n", "Line 2, column region_code: no region"),
        (
            "cbs_code,name,region_code\nGM0153,Enschede,nieuw\n",
            "Line 2, column region_name: new region “nieuw” needs a name",
        ),
        (
            "cbs_code,name,region_code,region_name\nGM0153,Enschede,twente,Twente\n"
            "GM0153,Enschede,twente,Twente\n",
            "Line 3, column cbs_code: GM0153 is already on line 2",
        ),
        (
            "cbs_code,name,region_code,region_name\nGM0153,Ensc\x00hede,twente,Twente\n",
            "Line 2, column name: holds a control character",
        ),
        (
            "cbs_code,name,region_code,region_name\nGM0153,Enschede,twente,Twen\x7fte\n",
            "Line 2, column region_name: holds a control character",
        ),
        (f'cbs_code,name\nGM0153,"{"a" * 4_500_000}"\n', "Line 2: cannot be read"),
    ],
)
def test_malformed_file_is_refused_with_line_numbers_and_nothing_imported(tmp_path, text, message):
    path = _write(tmp_path, text)
    with translation.override("en"), pytest.raises(RegionImportError, match=re.escape(message)):
        import_regions(path)
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_regions", str(path))
    assert Municipality.objects.count() == 0
    assert not LabourMarketRegion.objects.exclude(code="twente").exists()


def test_a_file_over_the_size_cap_or_a_folder_is_refused(tmp_path):
    path = _write(tmp_path, "cbs_code,name\n" + "\n" * 6_000_000)
    with pytest.raises(CommandError, match="is larger than 5 MB"):
        call_command("import_regions", str(path), region="twente")
    with pytest.raises(CommandError, match="is a folder, not a file"):
        call_command("import_regions", str(tmp_path), region="twente")


def test_errors_are_in_dutch_for_dutch_users(tmp_path):
    path = _write(tmp_path, "cbs_code,name,region_code,region_name\nX,Enschede,twente,Twente\n")
    with translation.override("nl"), pytest.raises(RegionImportError, match="Regel 2, kolom"):
        import_regions(path)


def test_home_region_comes_from_the_setting_or_the_flag(settings):
    settings.VAKMANSCHAP_HOME_REGION = ("achterhoek", "Achterhoek")
    assert LabourMarketRegion.objects.home().code == "achterhoek"
    twente = LabourMarketRegion.objects.create(code="twente", name="Twente", is_home=True)
    assert LabourMarketRegion.objects.home() == twente
    assert LabourMarketRegion.objects.by_code("TWENTE") == twente
    assert LabourMarketRegion.objects.by_code(None) == twente


def test_schemes_and_streams_default_to_the_home_region():
    from vakmanschap.funding.models import FundingStream, Scheme

    home = LabourMarketRegion.objects.create(code="twente", name="Twente", is_home=True)
    scheme = Scheme.objects.create(name="Regeling", valid_from=datetime.date(2026, 1, 1))
    assert scheme.region == home
    assert FundingStream.objects.create(name="Regio Deal").region == home
