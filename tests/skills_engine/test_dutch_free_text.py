"""Dutch free text on the real ESCO v1.1.1 with the ESCO–VDAB mapping's Dutch labels, as
`esco_import` stores them (skipped without ../shared, failed in CI)."""

import csv
import tempfile
from pathlib import Path

import pytest

from tests.conftest import shared_data
from vakmanschap.esco.vdab import read_mapping
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.snapshot import snapshot_from_csv


def with_vdab_labels(snapshot, mapping_csv: Path):
    """The same rule as the import: fill in skills without a Dutch label, add VDAB alt labels."""
    with open(mapping_csv, encoding="utf-8-sig", newline="") as fh:
        mapped, _ = read_mapping(csv.reader(fh))
    for skill in snapshot.skills:
        entry = mapped.get(skill.uri)
        if entry is None:
            continue
        nl = skill.labels.setdefault("nl", {"preferred": "", "alt": [], "hidden": []})
        nl["preferred"] = nl.get("preferred") or entry.esco_label
        nl.setdefault("alt", []).extend(
            t for t in entry.vdab_labels if t.casefold() not in {a.casefold() for a in nl["alt"]}
        )
    return snapshot


@pytest.fixture(scope="module")
def engine():
    mapping = next(shared_data("esco", "vdab-competent-nl").glob("escocompetencemapping*.csv"))
    snapshot = with_vdab_labels(snapshot_from_csv(shared_data("esco", "v1.1.1")), mapping)
    cache_dir = Path(tempfile.gettempdir()) / "vakmanschap-skills-engine-test-vdab"
    return SkillsEngine.build(snapshot, cache_dir, EngineConfig(precompute_matrix=False))


@pytest.mark.parametrize(
    "text, expected",
    [
        # care
        ("ik help oudere mensen met wassen en aankleden", "zorgen voor ouderen"),
        (
            "Ik werk 10 jaar in de thuiszorg, help bij wassen en aankleden, geef medicijnen",
            "thuiszorg bieden",
        ),
        # technical
        ("Ik las stalen constructies en lees technische tekeningen", "technische tekeningen lezen"),
        ("ik repareer elektrische installaties in woningen", "elektrische apparatuur testen"),
    ],
)
def test_dutch_sentences_give_dutch_skills(engine, text, expected):
    found = engine.extract_skills(text, 5, "nl")
    labels = [label for _, label, _ in found]
    assert expected in labels, labels
    top3 = [engine.skill_labels[engine.skill_pos[uri]] for uri, _, _ in found[:3]]
    assert all(names.get("nl") for names in top3), labels  # shown in Dutch, not "(EN)"


def test_empty_text_gives_an_empty_result(engine):
    assert engine.extract_skills("", 5, "nl") == []
    assert engine.extract_skills("   \n", 5, "nl") == []


def test_washing_and_dressing_older_people_is_care_not_court(engine):
    # The example: the lexical extractor alone gave "assist judge", "assist at check-in".
    found = engine.extract_skills("ik help oudere mensen met wassen en aankleden", 10, "en")
    english = [label for _, label, _ in found]
    assert "assist judge" not in english and "assist at check-in" not in english, english
    assert found[0][1] == "tend to elderly people", english
