"""`vakmanschap skills labels` and `skills coverage`: the labels a reader sees, from the database."""

import io
import json

import pytest
from django.core.management import call_command

from tests.esco import escodata
from tests.esco.escodata import write_vdab_mapping
from vakmanschap.esco.importer import import_esco

pytestmark = pytest.mark.django_db


def run(*args, stdin: bytes = b"") -> list[dict]:
    out = io.StringIO()
    call_command("skills", *args, stdin=io.BytesIO(stdin), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def with_vdab(shortage_list, esco_dir, tmp_path):
    return import_esco([esco_dir, write_vdab_mapping(tmp_path / "vdab")])


def test_labels_gives_the_shown_label_its_language_and_source(with_vdab):
    uris = [escodata.WELD, escodata.PYTHON, escodata.EQUIPMENT, "http://example.org/x", "", "x"]
    lines = run("labels", "--lang", "nl", stdin="\n".join(uris).encode())
    assert lines == [
        {"uri": escodata.WELD, "label": "metaal lassen", "lang": "nl", "source": "esco-vdab"},
        {
            "uri": escodata.PYTHON,
            "label": "Python (computerprogrammering)",
            "lang": "nl",
            "source": "esco",
        },
        # no Dutch label anywhere: the English one, and the language says so
        {
            "uri": escodata.EQUIPMENT,
            "label": "use welding equipment",
            "lang": "en",
            "source": "esco",
        },
        {
            "uri": "http://example.org/x",
            "label": None,
            "lang": None,
            "source": None,
            "error": "unknown ESCO URI",
        },
        {"uri": "", "label": None, "lang": None, "source": None},
        {"uri": "x", "label": None, "lang": None, "source": None, "error": "unknown ESCO URI"},
    ]


def test_labels_in_english(with_vdab):
    (line,) = run("labels", "--lang", "en", stdin=escodata.WELD.encode() + b"\n")
    assert line == {"uri": escodata.WELD, "label": "weld metal", "lang": "en", "source": "esco"}


def test_labels_needs_no_engine_and_empty_input_gives_nothing(esco_db):
    assert run("labels", stdin=b"") == []


def test_coverage_of_the_shortage_list_before_and_after_the_mapping(
    shortage_list, esco_dir, tmp_path
):
    (before,) = run("coverage", "--lang", "nl")
    assert (before["shortage_occupations"], before["links"], before["links_with_label"]) == (
        1,
        3,
        0,
    )
    import_esco([esco_dir, write_vdab_mapping(tmp_path / "vdab")])
    (after,) = run("coverage", "--lang", "nl")
    # the welder's links: weld metal and work in teams filled in, use welding equipment not
    assert (after["links"], after["links_with_label"], after["link_share"]) == (3, 2, 0.6667)
    (english,) = run("coverage", "--lang", "en")
    assert english["link_share"] == 1.0
