"""The lead part of a job title (before its first separator) adds its own score to the title's."""

import numpy as np
import pytest

from vakmanschap.skills_engine.embeddings import EncoderConfig
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.title_parts import LEAD_PART_WEIGHT, lead_part, with_lead_parts

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


def test_the_lead_part_adds_its_weighted_score_to_its_own_title_only():
    vocabulary = ["nurse", "welder", "driver"]

    def scores(texts):  # one column per word, 1 where the text names it
        return np.array([[float(w in t.lower()) for w in vocabulary] for t in texts])

    out = with_lead_parts(scores, ["Welder / Nurse", "Driver", "Nurse cum Welder"])
    assert np.allclose(out[0], [1, 1 + LEAD_PART_WEIGHT, 0])
    assert np.allclose(out[1], [0, 0, 1])  # no separator: scored as before
    assert np.allclose(out[2], [1 + LEAD_PART_WEIGHT, 1, 0])
    assert np.allclose(with_lead_parts(scores, ["Welder / Nurse"], weight=0.0), [[1, 1, 0]])


def test_the_hybrid_engine_ranks_the_lead_role_first(tmp_path):
    hybrid = EngineConfig(precompute_matrix=False, title_encoder=EncoderConfig())
    engine = SkillsEngine.build(make_snapshot(), tmp_path, hybrid)

    def first(title, mode="auto"):
        return engine.match_titles([title], k=1, mode=mode)[0][0][0]

    def hybrid_without_lead_parts(title):
        scores = engine.title_encoder.rescore([title], engine.titles.scores([title]))[0]
        return engine.occ_uris[int(np.argmax(scores))]

    # The title's two roles alone put the nurse first whatever their order; the lead part
    # decides.
    assert hybrid_without_lead_parts("welder / nurse") == "urn:occ:nurse"
    assert first("welder / nurse") == "urn:occ:welder"
    assert first("nurse / welder") == "urn:occ:nurse"
    # The lexical matcher alone is left as it was (the weight was chosen for the hybrid).
    lexical = engine.titles.scores(["welder / nurse"])[0]
    assert first("welder / nurse", mode="lexical") == engine.occ_uris[int(np.argmax(lexical))]
