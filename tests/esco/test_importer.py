import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.esco import escodata
from tests.esco.escodata import esco_tables, write_esco
from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import (
    Broader,
    CollectionMembership,
    Concept,
    Description,
    EscoRelease,
    IscoGroup,
    Label,
    LabelKind,
    Occupation,
    OccupationSkill,
    Skill,
    SkillGroup,
    SkillRelation,
)
from vakmanschap.esco.source import open_source

pytestmark = pytest.mark.django_db


def _counts(result, name):
    c = result.counts[name]
    return c.created, c.updated, c.unchanged


def _labels(uri, lang, kind):
    return sorted(
        Label.objects.filter(concept__uri=uri, language=lang, kind=kind).values_list(
            "text", flat=True
        )
    )


def test_source_detects_languages_and_version(esco_dir):
    source = open_source([esco_dir])
    assert source.languages == ["en", "nl"]
    assert source.version == "1.1.1"
    assert source.get("occupationSkillRelations").member == "occupationSkillRelations.csv"
    assert source.get("skills", "nl") is None


def test_first_import_from_zips_and_folder(esco_db):
    assert _counts(esco_db, "occupations") == (3, 0, 0)
    assert _counts(esco_db, "skills") == (4, 0, 0)
    assert _counts(esco_db, "ISCO groups") == (8, 0, 0)
    assert _counts(esco_db, "skill groups") == (4, 0, 0)
    assert Occupation.objects.count() == 3 and Skill.objects.count() == 4
    assert IscoGroup.objects.count() == 8 and SkillGroup.objects.count() == 4
    assert OccupationSkill.objects.count() == 6
    assert Broader.objects.count() == 14
    assert SkillRelation.objects.get().relation_type == "optional"
    release = EscoRelease.objects.get()
    assert (release.version, release.languages) == ("1.1.1", ["en", "nl"])


def test_labels_per_language_and_kind(esco_db):
    w = escodata.WELDER
    assert _labels(w, "en", LabelKind.ALT) == ["welding operator", "welding technician"]
    assert _labels(w, "en", LabelKind.HIDDEN) == ["weldor"]
    assert _labels(w, "nl", LabelKind.PREFERRED) == ["lasser"]
    assert _labels(w, "nl", LabelKind.HIDDEN) == ["lasman"]
    welder = Occupation.objects.get(uri=w)
    assert welder.label("nl") == ("lasser", False)
    assert welder.description("nl").text == "Lassers verbinden metalen delen."
    assert welder.code == "7212.3" and welder.isco_group.code == "7212"
    assert welder.isco_group.label("nl").text == "Lassers en snijbranders"


def test_skill_without_dutch_label_falls_back_to_english(esco_db):
    weld = Skill.objects.get(uri=escodata.WELD)
    text, is_fallback = weld.label("nl")[:2]
    assert (text, is_fallback) == ("weld metal", True)
    assert weld.label("nl").language == "en"
    assert weld.label("en") == ("weld metal", False)


def test_dutch_skill_labels_come_from_the_collections(esco_db):
    python = Skill.objects.get(uri=escodata.PYTHON)
    assert python.label("nl") == ("Python (computerprogrammering)", False)
    # Collections separate alternative labels with " | ".
    assert _labels(escodata.PYTHON, "nl", LabelKind.ALT) == [
        "Python programmeren",
        "programmeren in Python",
    ]
    # ... but the main English file wins over the English collection.
    assert _labels(escodata.PYTHON, "en", LabelKind.ALT) == ["Python"]
    assert python.skill_type == "knowledge" and python.reuse_level == "sector-specific"
    assert list(CollectionMembership.objects.values_list("collection", "concept__uri")) == [
        ("digital", escodata.PYTHON)
    ]


def test_skill_hierarchy_and_isced_codes(esco_db):
    isced = SkillGroup.objects.get(uri=escodata.ISCED_0613)
    assert isced.code == "0613"  # from the URI: the hierarchy has no code for ISCED-F groups
    assert SkillGroup.objects.get(uri=escodata.GROUP_S6).label("nl").text == "handling and moving"
    assert SkillGroup.objects.get(uri=escodata.GROUP_S).label("nl").text == "vaardigheden"
    assert Broader.objects.filter(
        concept__uri=escodata.GROUP_S6, broader__uri=escodata.GROUP_S
    ).exists()


def test_folders_import_like_zips(db, tmp_path):
    result = import_esco([write_esco(tmp_path / "v1.1.1", zipped=False)])
    assert _counts(result, "occupations") == (3, 0, 0)
    assert OccupationSkill.objects.count() == 6
    assert result.version == "1.1.1"


def test_second_import_changes_nothing(esco_db, esco_dir):
    with CaptureQueriesContext(connection) as queries:
        result = import_esco([esco_dir])
    assert not result.changed
    assert _counts(result, "occupations") == (0, 0, 3)
    assert _counts(result, "skills") == (0, 0, 4)
    assert result.counts["occupation–skill relations"].unchanged == 6
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE", "COPY")
    ]
    assert writes == []


def test_changed_label_is_one_update(esco_db, tmp_path):
    tables = esco_tables()
    tables["en"]["occupations"][0]["preferredLabel"] = "welder (metal)"
    result = import_esco([write_esco(tmp_path / "v1.1.1b", tables)])
    assert _counts(result, "occupations") == (0, 1, 2)
    assert _counts(result, "skills") == (0, 0, 4)
    assert Occupation.objects.get(uri=escodata.WELDER).label("en").text == "welder (metal)"
    assert Label.objects.filter(text="welder").count() == 0


def test_changed_fields_are_updated(esco_db, tmp_path):
    tables = esco_tables()
    tables["en"]["skills"][0]["reuseLevel"] = "cross-sector"  # weld metal
    tables["en"]["occupations"][2]["iscoGroup"] = "7212"  # developer, moved for the test
    result = import_esco([write_esco(tmp_path / "v1.1.1b", tables)])
    assert _counts(result, "skills") == (0, 1, 3)
    assert _counts(result, "occupations") == (0, 1, 2)
    assert Skill.objects.get(uri=escodata.WELD).reuse_level == "cross-sector"
    assert Occupation.objects.get(uri=escodata.DEVELOPER).isco_group.code == "7212"


def test_removed_and_changed_relations_are_synced(esco_db, tmp_path):
    tables = esco_tables()
    rels = tables[""]["occupationSkillRelations"]
    rels[:] = [
        r for r in rels if r["skillUri"] != escodata.TEAMS or r["occupationUri"] != escodata.WELDER
    ]
    rels[0]["relationType"] = "optional"  # welder - weld metal
    result = import_esco([write_esco(tmp_path / "v1.1.1b", tables)])
    counts = result.counts["occupation–skill relations"]
    assert (counts.created, counts.updated, counts.deleted, counts.unchanged) == (0, 1, 1, 4)
    assert not OccupationSkill.objects.filter(
        occupation__uri=escodata.WELDER, skill__uri=escodata.TEAMS
    ).exists()
    assert (
        OccupationSkill.objects.get(
            occupation__uri=escodata.WELDER, skill__uri=escodata.WELD
        ).relation_type
        == "optional"
    )


def test_full_dutch_skills_file_is_taken(esco_db, tmp_path):
    tables = esco_tables()
    tables["nl"]["skills"] = [
        escodata._skill(
            escodata.WELD, "skill/competence", "sector-specific", "metaal lassen", "lassen"
        )
    ]
    result = import_esco([write_esco(tmp_path / "v1.1.1b", tables)])
    assert _counts(result, "skills") == (0, 1, 3)
    assert Skill.objects.get(uri=escodata.WELD).label("nl") == ("metaal lassen", False)


def test_importing_one_language_keeps_the_others(esco_db, tmp_path):
    tables = {"nl": esco_tables()["nl"]}
    tables["nl"]["occupations"][1]["preferredLabel"] = "duiker-lasser"
    result = import_esco([write_esco(tmp_path / "nl-only", tables)])
    assert _counts(result, "occupations") == (0, 1, 2)
    assert OccupationSkill.objects.count() == 6  # no relations file: relations untouched
    underwater = Occupation.objects.get(uri=escodata.UNDERWATER)
    assert underwater.label("nl").text == "duiker-lasser"
    assert underwater.label("en").text == "underwater welder"
    assert Description.objects.filter(concept__uri=escodata.WELDER, language="en").exists()


def test_extra_columns_and_unknown_files_are_tolerated(db, tmp_path):
    tables = esco_tables()
    for row in tables["en"]["occupations"]:
        row["naceCode"] = "C25"  # a column newer releases might add
    tables["en"]["greenShareOcc"] = [{"conceptUri": escodata.WELDER, "greenShare": "0.1"}]
    result = import_esco([write_esco(tmp_path / "v1.2.0", tables, version="1.2.0")])
    assert result.version == "1.2.0"
    assert _counts(result, "occupations") == (3, 0, 0)
    assert "greenShareOcc_en.csv" in result.ignored_files


def test_relations_to_unknown_concepts_are_skipped(db, tmp_path):
    tables = esco_tables()
    tables[""]["occupationSkillRelations"].append(
        {
            "occupationUri": escodata.E + "occupation/gone",
            "relationType": "essential",
            "skillType": "",
            "skillUri": escodata.WELD,
        }
    )
    result = import_esco([write_esco(tmp_path / "v1", tables)])
    assert result.counts["occupation–skill relations"].skipped == 1
    assert result.unknown_uris == {escodata.E + "occupation/gone"}
    assert OccupationSkill.objects.count() == 6
    assert any("Unknown concepts" in line for line in result.lines())


def test_import_is_all_or_nothing(db, esco_dir, monkeypatch):
    from vakmanschap.esco import sync

    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sync.Syncer, "_collections", broken)
    with pytest.raises(RuntimeError):
        import_esco([esco_dir])
    assert Concept.objects.count() == 0 and Label.objects.count() == 0
