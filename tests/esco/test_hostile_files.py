"""Hostile ESCO files: the importer names the file, line and column, prints no traceback (a
CommandError), imports nothing, and reads a zip member as a stream with a size cap."""

import tracemalloc
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.esco import escodata
from tests.esco.escodata import esco_tables, write_esco
from vakmanschap.esco import source
from vakmanschap.esco.models import Concept, Label

pytestmark = pytest.mark.django_db


def refused(path, message):
    with pytest.raises(CommandError) as refusal:
        call_command("esco_import", str(path))
    assert message in str(refusal.value)
    assert Concept.objects.count() == 0 and Label.objects.count() == 0
    return str(refusal.value)


@pytest.mark.parametrize(
    "uri", ["http://x/<script>", "javascript:alert(1)", "https://data.europa.eu/esco/skill/x"]
)
def test_a_uri_that_is_not_escos_is_refused_with_its_line(tmp_path, uri):
    tables = esco_tables()
    tables["en"]["occupations"][0]["conceptUri"] = uri
    refused(
        write_esco(tmp_path / "esco", tables),
        f"occupations_en.csv, line 2, column conceptUri: “{uri}” is not an ESCO URI",
    )


def test_a_relation_to_a_foreign_uri_is_refused(tmp_path):
    tables = esco_tables()
    tables[""]["occupationSkillRelations"][1]["skillUri"] = "http://evil.example/skill"
    refused(
        write_esco(tmp_path / "esco", tables),
        "occupationSkillRelations.csv, line 3, column skillUri: “http://evil.example/skill”",
    )


def test_a_label_with_a_control_character_is_refused(tmp_path):
    tables = esco_tables()
    tables["en"]["skills"][0]["preferredLabel"] = "weld\x1bmetal"
    tables["en"]["occupations"][2]["altLabels"] = "coder\x07"
    message = refused(write_esco(tmp_path / "esco", tables), "Nothing was imported.")
    assert "skills_en.csv, line 2, column preferredLabel: holds a control character." in message
    assert "occupations_en.csv, line 5, column altLabels: a label holds a control" in message


def test_a_nul_byte_is_refused_with_its_line(tmp_path):
    tables = esco_tables()
    tables["en"]["occupations"][1]["preferredLabel"] = "las\x00ser"  # line 4: line 2 spans two
    refused(write_esco(tmp_path / "esco", tables), "occupations_en.csv, line 4: a NUL character")


def test_a_value_too_long_for_its_column_is_refused(tmp_path):
    tables = esco_tables()
    tables["en"]["occupations"][0]["code"] = "7" * 41
    refused(
        write_esco(tmp_path / "esco", tables),
        "occupations_en.csv, line 2, column code: longer than 40 characters.",
    )


def test_a_file_that_is_not_utf8_names_itself(tmp_path):
    folder = tmp_path / "esco"
    write_esco(folder, zipped=False)
    (folder / "en" / "occupations_en.csv").write_bytes(b"conceptUri,preferredLabel\n\xff\xfe,x\n")
    refused(folder, "occupations_en.csv, line 1: cannot be read ('utf-8' codec can't decode")


def test_a_zip_bomb_of_one_endless_line_is_read_in_bounded_memory(tmp_path):
    """A few hundred KB of zip that unpacks to one 64 MB line: refused at the cell limit (4 MB),
    without holding the line in memory."""
    folder = tmp_path / "esco"
    write_esco(folder)
    bomb = folder / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
    bomb.unlink()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("occupations_en.csv", "w") as member:
            member.write(b"conceptUri,preferredLabel\n" + escodata.WELDER.encode() + b',"')
            for _ in range(64):
                member.write(b"a" * 1024 * 1024)
    assert bomb.stat().st_size < 500_000
    tracemalloc.start()
    try:
        message = refused(folder, "occupations_en.csv, line 2: cannot be read (a line of more than")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 1024 * 1024, f"{peak:,} bytes"
    assert "Traceback" not in message


def test_a_member_larger_than_the_cap_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_MEMBER_BYTES", 1024 * 1024)
    folder = tmp_path / "esco"
    tables = esco_tables()
    tables["en"]["occupations"] *= 4000  # some 2 MB of rows
    write_esco(folder, tables)
    refused(folder, "occupations_en.csv unpacks to")
