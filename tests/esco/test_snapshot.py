import pytest

from tests.esco import escodata
from vakmanschap.esco.snapshot import build_snapshot
from vakmanschap.skills_engine.snapshot import snapshot_from_csv

pytestmark = pytest.mark.django_db


def test_snapshot_from_database_matches_the_csv_loader(
    esco_db, esco_dir, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        snap = build_snapshot()
    csv = snapshot_from_csv(esco_dir, version="1.1.1")
    assert snap.version == "1.1.1"
    assert {o.uri: (o.isco_code, o.isco_group) for o in snap.occupations} == {
        o.uri: (o.isco_code, o.isco_group) for o in csv.occupations
    }
    assert sorted(snap.relations) == sorted(csv.relations)
    assert sorted(snap.skill_broader) == sorted(csv.skill_broader)
    assert {g.code for g in snap.isco_groups} == {g.code for g in csv.isco_groups}
    skills = {s.uri: s for s in snap.skills}
    weld = skills[escodata.WELD]
    assert weld.labels["en"] == {
        "preferred": "weld metal",
        "alt": ["join metal", "weld"],
        "hidden": [],
    }
    assert "nl" not in weld.labels and weld.label("nl") == "weld metal"
    assert (weld.skill_type, weld.reuse_level) == ("skill/competence", "sector-specific")
    assert weld.descriptions == {"en": "Join pieces of metal."}
    assert skills[escodata.PYTHON].labels["nl"]["alt"] == [
        "Python programmeren",
        "programmeren in Python",
    ]
    # Everything the CSV loader reads the same way gives the same labels.
    occ_csv = {o.uri: o for o in csv.occupations}
    for occupation in snap.occupations:
        for lang, labels in occupation.labels.items():
            expected = occ_csv[occupation.uri].labels[lang]
            assert labels["preferred"] == expected["preferred"]
            assert sorted(labels["alt"]) == sorted(expected["alt"])


def test_snapshot_fingerprint_is_stable(esco_db, esco_dir):
    from vakmanschap.esco.importer import import_esco

    first = build_snapshot().fingerprint()
    import_esco([esco_dir])
    assert build_snapshot().fingerprint() == first


def test_empty_database_gives_an_empty_snapshot(db):
    snap = build_snapshot()
    assert (snap.version, snap.occupations, snap.relations) == ("", [], [])
