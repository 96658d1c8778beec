import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.esco import escodata
from vakmanschap.esco.models import ShortageList, ShortageOccupation
from vakmanschap.esco.shortage import shortage_entry, shortage_list_on, shortage_occupations
from vakmanschap.esco.shortage_import import ShortageImportError, import_shortage_list
from vakmanschap.region.models import LabourMarketRegion

pytestmark = pytest.mark.django_db
D = datetime.date


def _write(tmp_path, text, name="list.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _uris(region, day):
    return set(shortage_occupations(region, day).values_list("uri", flat=True))


@pytest.fixture
def demo_style_csv(tmp_path, esco_db):
    """Like ../shared/twente/shortage_occupations.csv: no dates, no region."""
    return _write(
        tmp_path,
        "esco_uri,isco_code,label_nl,sector,basis\n"
        f"{escodata.WELDER},7212.3,lasser,techniek,B\n"
        f",2512.4,softwareontwikkelaar,ICT,A\n",
    )


def test_two_versions_answer_by_date(tmp_path, esco_db):
    old = _write(tmp_path, f"esco_uri,sector\n{escodata.WELDER},techniek\n", "2025.csv")
    new = _write(tmp_path, f"esco_uri,sector\n{escodata.DEVELOPER},ICT\n", "2026.csv")
    import_shortage_list(old, valid_from=D(2025, 1, 1), valid_to=D(2025, 12, 31))
    import_shortage_list(new, valid_from=D(2026, 1, 1))
    assert _uris("twente", D(2024, 12, 31)) == set()
    assert _uris("twente", D(2025, 6, 1)) == {escodata.WELDER}
    assert _uris("twente", D(2025, 12, 31)) == {escodata.WELDER}
    assert _uris("twente", D(2026, 1, 1)) == {escodata.DEVELOPER}
    assert _uris("twente", D(2030, 1, 1)) == {escodata.DEVELOPER}
    assert _uris("achterhoek", D(2026, 1, 1)) == set()
    assert shortage_list_on("twente", D(2025, 6, 1)).valid_to == D(2025, 12, 31)


def test_demo_file_layout_with_command_options(demo_style_csv, capsys):
    call_command(
        "import_shortage_list", str(demo_style_csv), valid_from="2026-01-01", region="Twente"
    )
    assert "2 occupations" in capsys.readouterr().out
    version = ShortageList.objects.get()
    assert (version.region.code, version.valid_from, version.valid_to) == (
        "twente",
        D(2026, 1, 1),
        None,
    )
    entry = shortage_entry(
        ShortageOccupation.objects.get(sector="ICT").occupation, "twente", D(2026, 3, 1)
    )
    assert entry.occupation.uri == escodata.DEVELOPER  # mapped from the ESCO code
    assert (entry.label, entry.basis) == ("softwareontwikkelaar", "A")


def test_reimport_with_same_dates_creates_nothing(demo_style_csv, capsys):
    for _ in range(2):
        call_command("import_shortage_list", str(demo_style_csv), valid_from="2026-01-01")
    assert "Already imported" in capsys.readouterr().out
    assert ShortageList.objects.count() == 1 and ShortageOccupation.objects.count() == 2
    call_command("import_shortage_list", str(demo_style_csv), valid_from="2027-01-01")
    assert ShortageList.objects.count() == 2


def test_isco_group_code_maps_to_all_its_occupations(tmp_path, esco_db):
    path = _write(tmp_path, "isco_code,sector\n7212,techniek\n")
    import_shortage_list(path, valid_from=D(2026, 1, 1))
    assert _uris("twente", D(2026, 1, 1)) == {escodata.WELDER, escodata.UNDERWATER}


def test_dates_and_region_from_columns_make_versions(tmp_path, esco_db):
    path = _write(
        tmp_path,
        "ESCO URI;Region;Valid from;Valid to\n"
        f"{escodata.WELDER};Twente;2025-01-01;2025-12-31\n"
        f"{escodata.DEVELOPER};Twente;01-01-2026;\n",
    )
    result = import_shortage_list(path)
    assert len(result.created) == 2
    assert _uris("twente", D(2025, 2, 1)) == {escodata.WELDER}
    assert _uris("twente", D(2026, 2, 1)) == {escodata.DEVELOPER}


def test_two_regions_keep_their_own_lists(tmp_path, esco_db):
    LabourMarketRegion.objects.create(code="achterhoek", name="Achterhoek")
    path = _write(
        tmp_path,
        "esco_uri,region\n"
        f"{escodata.WELDER},Twente\n{escodata.DEVELOPER},achterhoek\n{escodata.UNDERWATER},\n",
    )
    result = import_shortage_list(path, valid_from=D(2026, 1, 1))
    assert len(result.created) == 2
    # A row without a region goes to the home region (Twente here).
    assert _uris("twente", D(2026, 1, 1)) == {escodata.WELDER, escodata.UNDERWATER}
    assert _uris("achterhoek", D(2026, 1, 1)) == {escodata.DEVELOPER}
    achterhoek = LabourMarketRegion.objects.get(code="achterhoek")
    assert shortage_entry(_occupation(escodata.WELDER), achterhoek, D(2026, 1, 1)) is None
    assert _uris("no-such-region", D(2026, 1, 1)) == set()


def test_unknown_region_is_refused_and_nothing_imported(tmp_path, esco_db):
    path = _write(
        tmp_path, f"esco_uri,region\n{escodata.WELDER},Twente\n{escodata.DEVELOPER},Nergens\n"
    )
    with (
        translation.override("en"),
        pytest.raises(
            ShortageImportError,
            match="Row 3, column region: unknown labour-market region “nergens”",
        ),
    ):
        import_shortage_list(path, valid_from=D(2026, 1, 1))
    assert ShortageList.objects.count() == 0


def _occupation(uri):
    from vakmanschap.esco.models import Occupation

    return Occupation.objects.get(uri=uri)


@pytest.mark.parametrize(
    "text, message",
    [
        (
            f"esco_uri\n{escodata.WELDER}\n{escodata.E}occupation/unknown\n",
            "Row 3, column esco_uri: unknown ESCO occupation URI",
        ),
        (
            f"esco_uri,valid_from\n{escodata.WELDER},2026-02-30\n",
            "Row 2, column valid_from: “2026-02-30” is not a date",
        ),
        ("label_nl,sector\nlasser,techniek\n", "Missing column: the file needs a column esco_uri"),
        ("isco_code\n9999\n", "Row 2, column isco_code: unknown ISCO or ESCO occupation code 9999"),
        (
            f"esco_uri,valid_from,valid_to\n{escodata.WELDER},2026-02-01,2026-01-01\n",
            "Row 2: valid_to is before valid_from",
        ),
        ("esco_uri\nhttp://x/<script>\n", "Row 2, column esco_uri: “http://x/<script>” is not an"),
        (
            f"esco_uri,label_nl\n{escodata.WELDER},las\x00ser\n",
            "Row 2, column label: holds a control character",
        ),
        (
            f"esco_uri,sector\n{escodata.WELDER},tech\x1b[31mniek\n",
            "Row 2, column sector: holds a control character",
        ),
        (f'esco_uri,label_nl\n{escodata.WELDER},"{"a" * 5_000_000}"\n', "Row 2: cannot be read"),
    ],
)
def test_bad_input_names_row_and_column_and_writes_nothing(tmp_path, esco_db, text, message):
    path = _write(tmp_path, text)
    with translation.override("en"), pytest.raises(ShortageImportError, match=message):
        import_shortage_list(path, valid_from=D(2026, 1, 1))
    with pytest.raises(CommandError, match=message):
        call_command("import_shortage_list", str(path), valid_from="2026-01-01")
    assert ShortageList.objects.count() == 0 and ShortageOccupation.objects.count() == 0


def test_command_errors_for_options_and_missing_dates(demo_style_csv, tmp_path):
    with pytest.raises(CommandError, match="--valid-from: “2026-13-01” is not a date"):
        call_command("import_shortage_list", str(demo_style_csv), valid_from="2026-13-01")
    with pytest.raises(CommandError, match="Missing column valid_from"):
        call_command("import_shortage_list", str(demo_style_csv))
    with pytest.raises(CommandError, match="File not found"):
        call_command("import_shortage_list", str(tmp_path / "nope.csv"), valid_from="2026-01-01")
    assert ShortageList.objects.count() == 0


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path, esco_db):
    path = _write(tmp_path, f"esco_uri\n{escodata.WELDER}\n" + "\n" * 21_000_000)
    with pytest.raises(CommandError, match="is larger than 20 MB"):
        call_command("import_shortage_list", str(path), valid_from="2026-01-01")
    with pytest.raises(CommandError, match="is a folder, not a file"):
        call_command("import_shortage_list", str(tmp_path), valid_from="2026-01-01")


def test_errors_are_translated_for_the_web(tmp_path, esco_db):
    path = _write(tmp_path, "esco_uri\nhttp://example.org/x\n")
    with translation.override("nl"), pytest.raises(ShortageImportError, match="Rij 2, kolom"):
        import_shortage_list(path, valid_from=D(2026, 1, 1))


def test_shortage_list_needs_esco_first(db, tmp_path):
    path = _write(tmp_path, f"esco_uri\n{escodata.WELDER}\n")
    with pytest.raises(CommandError, match="run “vakmanschap esco_import” first"):
        call_command("import_shortage_list", str(path), valid_from="2026-01-01")
