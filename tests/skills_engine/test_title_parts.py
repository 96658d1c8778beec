"""The lead part of a job title (before its first separator) adds its own score to the title's."""

import numpy as np
import pytest

from vakmanschap.skills_engine.embeddings import EncoderConfig
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.title_parts import LEAD_PART_WEIGHT, add_lead_parts, lead_part

from .test_engine_synthetic import make_snapshot


@pytest.mark.parametrize(
    "title, lead",
    [
        ("Customer Service (Cyberjaya)", "Customer Service"),
        ("General Worker cum Driver", "General Worker"),
        ("Engineer, Technical", "Engineer"),
        ("DELIVERY DRIVER - LAWAS", "DELIVERY DRIVER"),
        ("Retail Assistant @ The Mines", "Retail Assistant"),
        ("Tooling/Mould Technician", "Tooling"),
        ("Technician #MCY", "Technician"),
        ("Bedrijfsleider / ondernemer horeca", "Bedrijfsleider"),
        # a lead part that is only noise is skipped: the next part leads
        ("Senior / Software Engineer (PHP)", "Software Engineer"),
    ],
)
def test_the_lead_part_is_the_role_before_the_first_separator(title, lead):
    assert lead_part(title) == lead


@pytest.mark.parametrize(
    "title",
    [
        "Nurse",
        "e-commerce executive",  # a dash inside a word separates nothing
        "Engineer (Senior)",  # the lead part cleans to the whole title: nothing to add
        "Marketing Executive (Full Time)",
        "",
    ],
)
def test_a_title_without_a_separate_lead_part_has_none(title):
    assert lead_part(title) is None


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    encoder = EncoderConfig(lead_part_weight=LEAD_PART_WEIGHT)
    hybrid = EngineConfig(precompute_matrix=False, title_encoder=encoder)
    return SkillsEngine.build(make_snapshot(), tmp_path_factory.mktemp("engine"), hybrid)


def hybrid_without_lead_parts(engine, title):
    return engine.title_encoder.rescore([title], engine.titles.scores([title]))


def test_the_lead_part_adds_its_weighted_cosines_at_the_candidates_only(engine):
    scorer = engine.title_encoder
    titles = ["welder / nurse", "nurse", "lasser / verpleegkundige"]
    before = hybrid_without_lead_parts(engine, titles[0])[0]
    out = add_lead_parts(
        np.vstack([hybrid_without_lead_parts(engine, t) for t in titles]), titles, scorer
    )
    candidates = scorer.top_candidates(before[None])[0]
    lead = scorer.cosines_at(["welder"], candidates[None])[0]
    assert np.allclose(out[0, candidates], before[candidates] + LEAD_PART_WEIGHT * lead)
    others = np.setdiff1d(np.arange(len(before)), candidates)
    assert np.array_equal(out[0, others], before[others])
    # no separator, and a Dutch title (the language gate): scored as before
    assert np.array_equal(out[1], hybrid_without_lead_parts(engine, titles[1])[0])
    assert np.array_equal(out[2], hybrid_without_lead_parts(engine, titles[2])[0])


def test_the_hybrid_engine_ranks_the_lead_role_first(engine):
    def first(title, mode="auto"):
        return engine.match_titles([title], k=1, mode=mode)[0][0][0]

    # The title's two roles alone put the nurse first whatever their order; the lead part
    # decides.
    without = hybrid_without_lead_parts(engine, "welder / nurse")[0]
    assert engine.occ_uris[int(np.argmax(without))] == "urn:occ:nurse"
    assert first("welder / nurse") == "urn:occ:welder"
    assert first("nurse / welder") == "urn:occ:nurse"
    # The lexical matcher alone is left as it was (the weight was chosen for the hybrid).
    lexical = engine.titles.scores(["welder / nurse"])[0]
    assert first("welder / nurse", mode="lexical") == engine.occ_uris[int(np.argmax(lexical))]


def test_the_lead_part_is_off_by_default(engine):
    assert EncoderConfig().lead_part_weight == 0.0
    before = hybrid_without_lead_parts(engine, "welder / nurse")
    assert np.array_equal(
        add_lead_parts(before.copy(), ["welder / nurse"], engine.title_encoder, 0.0), before
    )
