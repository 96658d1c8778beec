"""The Dutch evaluation harness: fixed halves, hand-checkable figures on a tiny snapshot."""

import pytest

from tests.skills_engine.test_engine_synthetic import make_snapshot
from vakmanschap.skills_engine.dutch_evaluation import (
    evaluate_dutch_free_text,
    evaluate_dutch_titles,
    split_of,
)
from vakmanschap.skills_engine.engine import SkillsEngine


@pytest.fixture(scope="module")
def snapshot():
    snap = make_snapshot("dutch-eval")
    by_uri = {o.uri: o for o in snap.occupations}
    by_uri["urn:occ:nurse"].descriptions["nl"] = "Zorgt voor patiënten: patiënten verzorgen."
    by_uri["urn:occ:welder"].descriptions["nl"] = "Een lasser."  # no essential skill in Dutch
    return snap


@pytest.fixture(scope="module")
def engine(snapshot, tmp_path_factory):
    return SkillsEngine.build(snapshot, tmp_path_factory.mktemp("cache"))


def test_split_is_fixed_and_about_half():
    keys = [f"Q{i:06d}" for i in range(2000)]
    assert [split_of(k) for k in keys] == [split_of(k) for k in keys]
    dev = sum(split_of(k) == "dev" for k in keys)
    assert 900 < dev < 1100


def test_titles_mrr_at_10_per_half(snapshot, tmp_path):
    tsv = tmp_path / "titles.tsv"
    rows = [("Q1", "lasser", "urn:occ:welder"), ("Q2", "pijplasser", "urn:occ:pipe-welder")]
    rows += [("Q3", "iets heel anders", "urn:occ:nurse")]
    tsv.write_text(
        "query_id\ttitle_nl\tconceptUri\n" + "".join("\t".join(r) + "\n" for r in rows),
        encoding="utf-8",
    )
    result = evaluate_dutch_titles(snapshot, tsv)["plain"]
    assert result["all"]["n"] == 3
    assert result["dev"]["n"] + result["held-out"]["n"] == 3
    # the two titles rank first, the unrelated one is not in the top 10 or ranks low
    assert result["all"]["recall@1"] == pytest.approx(2 / 3)
    assert 2 / 3 <= result["all"]["mrr@10"] < 1


def test_free_text_uses_dutch_descriptions_and_essential_skills(engine, snapshot):
    result = evaluate_dutch_free_text(engine, snapshot)
    assert result["all"]["n"] == 2  # nurse and welder; the others have no Dutch description
    # the nurse's description names "patiënten verzorgen" (one of its two essential skills)
    assert result["all"]["rp@10"] >= 0.25
