"""Real titles as hidden labels: they teach the matcher, and are measured only where not added."""

import pytest

from tests.skills_engine.test_engine_synthetic import make_snapshot
from vakmanschap.skills_engine.dutch_evaluation import evaluate_dutch_titles, split_of
from vakmanschap.skills_engine.title_benchmark import (
    english_fold_of,
    evaluate_english_titles,
    title_half,
)
from vakmanschap.skills_engine.title_examples import add_title_examples, read_title_examples
from vakmanschap.skills_engine.titles import TitleIndex


def _write(path, rows, header="query_id\ttitle_nl\tconceptUri"):
    path.write_text(header + "\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _ids(split, n):
    """n query ids that fall in the given half."""
    ids = (f"Q{i:06d}" for i in range(10_000))
    return [q for q in ids if split_of(q) == split][:n]


def test_examples_become_hidden_dutch_labels_of_a_copy():
    snap = make_snapshot("examples")
    rows = [
        {"title": "zorgmedewerker thuiszorg", "conceptUri": "urn:occ:healthcare-assistant"},
        {"title": "iets", "conceptUri": "urn:occ:not-in-esco"},
    ]
    added, unknown = add_title_examples(snap, rows)
    assert unknown == 1
    by_uri = {o.uri: o for o in added.occupations}
    assert by_uri["urn:occ:healthcare-assistant"].labels["nl"]["hidden"] == [
        "zorgmedewerker thuiszorg"
    ]
    # the snapshot passed in is untouched, and the fingerprint (engine cache key) changes
    original = {o.uri: o for o in snap.occupations}
    assert original["urn:occ:healthcare-assistant"].labels["nl"]["hidden"] == []
    assert added.fingerprint() != snap.fingerprint()
    top = TitleIndex(added.occupations).query(["zorgmedewerker thuiszorg"], 1)[0][0][0]
    assert added.occupations[top].uri == "urn:occ:healthcare-assistant"


def test_a_missing_column_is_named(tmp_path):
    path = _write(tmp_path / "t.tsv", [("Q1", "lasser")], header="query_id\ttitle_nl")
    with pytest.raises(ValueError, match="conceptUri"):
        read_title_examples(path)


def test_figures_with_examples_never_count_a_title_that_was_added(tmp_path):
    snap = make_snapshot("examples-eval")
    (dev1, dev2), (held,) = _ids("dev", 2), _ids("held-out", 1)
    # a title no label resembles, for the nurse: once in the dev half, once held out
    rows = [
        (dev1, "zaalwacht", "urn:occ:nurse"),
        (held, "zaalwacht", "urn:occ:nurse"),
        (dev2, "lasser", "urn:occ:welder"),
    ]
    result = evaluate_dutch_titles(snap, _write(tmp_path / "t.tsv", rows))
    assert result["plain"]["held-out"]["recall@1"] == 0  # no label says "zaalwacht"
    # held out: the dev example teaches it
    assert result["examples"]["held-out"]["recall@1"] == 1
    # dev, cross-validated: the dev "zaalwacht" is its only dev example, so it is never added
    # while it is measured; only "lasser" is found
    assert result["examples"]["dev"]["n"] == 2
    assert result["examples"]["dev"]["recall@1"] == 0.5


def _titles(half, n, fold=None, word="zaalwacht"):
    """n English titles "<word> N" that fall in the given half (and fold)."""
    titles = (f"{word} {i}" for i in range(10_000))
    return [
        t for t in titles if title_half(t) == half and (fold is None or english_fold_of(t) == fold)
    ][:n]


def test_english_vacancy_titles_are_read_from_their_csv(tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text(
        ',vacancyTitle,conceptUri\n0,"Welder, MIG",urn:occ:welder\n1,  ,urn:occ:nurse\n'
        "2,Staff Nurse ,urn:occ:nurse\n",
        encoding="utf-8",
    )
    rows = read_title_examples(path)
    assert [(r["title"], r["conceptUri"]) for r in rows] == [
        ("Welder, MIG", "urn:occ:welder"),
        ("Staff Nurse", "urn:occ:nurse"),
    ]
    added, unknown = add_title_examples(make_snapshot("english-examples"), rows, "en")
    assert unknown == 0
    nurse = {o.uri: o for o in added.occupations}["urn:occ:nurse"]
    assert nurse.labels["en"]["hidden"][-1] == "Staff Nurse"
    assert "Staff Nurse" not in nurse.labels.get("nl", {}).get("hidden", [])


def test_a_file_without_a_title_column_names_both_layouts(tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text("title,conceptUri\nlasser,urn:occ:welder\n", encoding="utf-8")
    with pytest.raises(ValueError, match="title_nl or vacancyTitle"):
        read_title_examples(path)


def test_english_figures_never_count_a_title_that_was_added(tmp_path):
    snap = make_snapshot("english-examples-eval")
    (held,) = _titles("held-out", 1)
    (dev_a,) = _titles("dev", 1, fold=0)
    (dev_b,) = _titles("dev", 1, fold=1)
    (alone,) = _titles("dev", 1, fold=2, word="kraanmachinist")
    # "zaalwacht" is in no label; the nurse's title: twice in the dev half (two folds) and once
    # held out, each with another number so that the halves differ
    rows = [
        ("0", dev_a, "urn:occ:nurse"),
        ("1", dev_b, "urn:occ:nurse"),
        ("2", held, "urn:occ:nurse"),
        ("3", alone, "urn:occ:welder"),
    ]
    path = tmp_path / "titles.csv"
    path.write_text(
        ",vacancyTitle,conceptUri\n" + "".join(",".join(r) + "\n" for r in rows),
        encoding="utf-8",
    )
    result = evaluate_english_titles(snap, path)
    assert result["plain"]["held-out"]["recall@1"] == 0
    # held out: the two dev examples teach the nurse
    assert result["examples"]["held-out"]["recall@1"] == 1
    # dev, cross-validated: each title is measured with the other folds' titles added, never its
    # own: the two nurses teach each other, the one "kraanmachinist" has nobody to learn from
    assert result["examples"]["dev"]["n"] == 3
    assert result["examples"]["dev"]["recall@1"] == pytest.approx(2 / 3)
