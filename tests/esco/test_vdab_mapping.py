"""The ESCO–VDAB competence mapping as one more import path: Dutch skill labels filled in."""

import pytest
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.esco import escodata
from tests.esco.escodata import esco_tables, write_esco, write_vdab_mapping
from tests.factories import UserFactory
from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import (
    Label,
    LabelKind,
    LabelSource,
    Skill,
    attach_preferred_labels,
)
from vakmanschap.esco.source import EscoSourceError

pytestmark = pytest.mark.django_db


def _labels(uri, lang="nl"):
    return sorted(
        Label.objects.filter(concept__uri=uri, language=lang).values_list("kind", "text", "source")
    )


@pytest.fixture
def vdab_dir(tmp_path):
    return write_vdab_mapping(tmp_path / "vdab-competent-nl")


@pytest.fixture
def with_vdab(db, esco_dir, vdab_dir):
    return import_esco([esco_dir, vdab_dir])


def test_mapping_fills_in_a_skill_without_a_dutch_label(with_vdab):
    assert _labels(escodata.WELD) == [
        (LabelKind.PREFERRED, "metaal lassen", LabelSource.ESCO_VDAB),
        (LabelKind.ALT, "Lassen", LabelSource.VDAB),  # exactMatch; the narrowMatch is not used
    ]
    label = Skill.objects.get(uri=escodata.WELD).label("nl")
    assert (label.text, label.is_fallback, label.language) == ("metaal lassen", False, "nl")
    assert _labels(escodata.WELD, "en")[0] == (LabelKind.PREFERRED, "weld metal", "esco")


def test_mapping_never_overwrites_the_release_label(with_vdab):
    assert _labels(escodata.PYTHON) == [
        (LabelKind.PREFERRED, "Python (computerprogrammering)", LabelSource.ESCO),
        (LabelKind.ALT, "Programmeren met Python", LabelSource.VDAB),
        (LabelKind.ALT, "Python programmeren", LabelSource.ESCO),
        (LabelKind.ALT, "programmeren in Python", LabelSource.ESCO),
    ]
    assert with_vdab.vdab.kept == 1 and with_vdab.vdab.filled == 2


def test_broad_and_narrow_matches_give_no_alternative_label(with_vdab):
    assert _labels(escodata.TEAMS) == [
        (LabelKind.PREFERRED, "in teamverband werken", LabelSource.ESCO_VDAB)
    ]


def test_unknown_uris_are_counted_and_skipped(with_vdab):
    report = with_vdab.vdab
    assert (report.rows, report.skills, report.bad_rows) == (7, 4, 1)
    assert report.unknown_uris == {E_GONE}
    assert not Label.objects.filter(text__in=["verdwenen vaardigheid", "Weg"]).exists()
    assert not Label.objects.filter(source=LabelSource.VDAB, concept__kind="occupation").exists()
    lines = "\n".join(with_vdab.lines())
    assert "1 URIs are not skills of this import" in lines
    assert "1 rows without a skill URI or with an unknown mapping relation" in lines


E_GONE = escodata.E + "skill/not-in-this-release"


def test_second_import_with_the_mapping_changes_nothing(with_vdab, esco_dir, vdab_dir):
    before = _labels(escodata.WELD) + _labels(escodata.PYTHON)
    again = import_esco([esco_dir, vdab_dir])
    assert not again.changed
    assert again.counts["labels"].created == again.counts["labels"].deleted == 0
    assert _labels(escodata.WELD) + _labels(escodata.PYTHON) == before


def test_an_import_without_the_mapping_keeps_its_labels(with_vdab, esco_dir):
    before = _labels(escodata.WELD)
    import_esco([esco_dir])
    assert _labels(escodata.WELD) == before


def test_official_dutch_skills_file_wins(with_vdab, tmp_path, vdab_dir):
    tables = esco_tables()
    tables["nl"]["skills"] = [
        escodata._skill(escodata.WELD, "skill/competence", "sector-specific", "lassen (metaal)")
    ]
    result = import_esco([write_esco(tmp_path / "full-nl", tables), vdab_dir])
    assert "official skills_nl.csv" in result.vdab.not_applied
    assert _labels(escodata.WELD) == [(LabelKind.PREFERRED, "lassen (metaal)", LabelSource.ESCO)]


def test_without_dutch_files_the_mapping_is_not_applied(db, tmp_path, vdab_dir):
    tables = esco_tables()
    del tables["nl"]
    result = import_esco([write_esco(tmp_path / "en-only", tables), vdab_dir])
    assert "no Dutch files" in result.vdab.not_applied
    assert not Label.objects.filter(language="nl").exists()


def test_mapping_alone_is_refused(db, vdab_dir):
    with pytest.raises(EscoSourceError, match="give the release too"):
        import_esco([vdab_dir])


@pytest.mark.parametrize(
    "columns, message",
    [
        (
            [c for c in escodata.VDAB_COLUMNS if c != "Mapping Relation"],
            "missing columns: Mapping Relation",
        ),
        (["uri", "label", "relation"], "no column row"),
    ],
)
def test_a_changed_layout_is_refused_and_nothing_is_imported(
    db, esco_dir, tmp_path, columns, message
):
    vdab = write_vdab_mapping(tmp_path / "changed", columns=columns)
    with pytest.raises(EscoSourceError, match=message):
        import_esco([esco_dir, vdab])
    assert not Skill.objects.exists() and not Label.objects.exists()


def test_rows_without_usable_uris_are_refused_as_a_changed_layout(db, esco_dir, tmp_path):
    rows = [(escodata.WELD, "metaal lassen", "Lassen", "sameAs")]
    vdab = write_vdab_mapping(tmp_path / "odd", rows=rows)
    with pytest.raises(EscoSourceError, match="none of its 1 rows"):
        import_esco([esco_dir, vdab])
    assert not Label.objects.exists()


def test_the_command_reports_the_mapping_with_counts(db, esco_dir, vdab_dir, capsys):
    call_command("esco_import", str(esco_dir), str(vdab_dir))
    out = capsys.readouterr().out
    assert (
        "ESCO–VDAB mapping: 7 rows, 4 skills; Dutch labels filled in for 2, release label kept "
        "for 1; 2 VDAB alternative labels." in out
    )


def test_the_command_names_a_missing_mapping_path(db, esco_dir, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("esco_import", str(esco_dir), str(tmp_path / "nowhere"))


def test_a_path_without_the_mapping_is_refused_and_nothing_is_imported(db, esco_dir, tmp_path):
    wrong_place = tmp_path / "vdab-competent-nl"
    (wrong_place / "docs").mkdir(parents=True)
    (wrong_place / "docs" / "README.txt").write_text("the mapping is elsewhere")
    with pytest.raises(
        EscoSourceError, match=r"1 of the 2 paths hold no .*vdab-competent-nl; nothing"
    ):
        import_esco([esco_dir, wrong_place])
    assert not Skill.objects.exists() and not Label.objects.exists()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("esco_import", str(esco_dir), str(wrong_place))


def test_the_mapping_is_found_deeper_in_its_folder(db, esco_dir, tmp_path):
    mapping = write_vdab_mapping(tmp_path / "shared" / "esco" / "vdab-competent-nl")
    assert import_esco([esco_dir, mapping.parent.parent]).vdab.skills == 4


# ------------------------------------------------------------------ shown on the pages
def test_skill_page_shows_where_each_label_came_from(client, with_vdab):
    client.force_login(UserFactory())
    weld = Skill.objects.get(uri=escodata.WELD)
    with translation.override("nl"):
        html = client.get(reverse("esco:skill_detail", args=[weld.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    text = html.content.decode()
    assert "Bron: ESCO 1.0.3 via de ESCO–VDAB-koppeling" in text
    assert "Bron: VDAB Competent (exacte of nauwe overeenkomst)" in text
    assert '<span lang="nl">Lassen</span>' in text
    assert "Bron: ESCO-versie" in text  # the English labels


def test_a_skill_without_a_dutch_label_shows_its_dutch_field(esco_concepts):
    """Without the mapping, 'weld metal' has no Dutch label: its group's Dutch label goes along."""
    template = Template("{% load esco %}{% esco_label skill %}")
    with translation.override("nl"):
        html = template.render(Context({"skill": esco_concepts["weld"]}))
        english = esco_concepts["weld"].label("en")
    assert '<span lang="en">weld metal</span>' in html
    assert "vakgebied: vaardigheden" in html  # S6 has no Dutch label; its parent S has
    assert english.area == "" and not english.is_fallback
    assert esco_concepts["python"].label("nl").area == ""


def test_fields_are_attached_in_bulk(esco_concepts, django_assert_max_num_queries):
    skills = list(Skill.objects.filter(uri__in=[escodata.WELD, escodata.EQUIPMENT]))
    with translation.override("nl"), django_assert_max_num_queries(1 + 2 * 3):
        attach_preferred_labels(skills)
        areas = [s.label().area for s in skills]
    assert areas == ["vaardigheden", "vaardigheden"]  # use welding equipment → weld metal → S6 → S
