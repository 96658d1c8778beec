"""The model signal of skill extraction (sentence_model.py) with the real multilingual USE
encoder, on the tiny hand-made snapshot: what it adds, its vector store, and the fallbacks."""

import logging
import pickle

import numpy as np
import pytest

from tests.skills_engine.test_engine_synthetic import make_snapshot
from vakmanschap.skills_engine import encoders, sentence_model
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.extraction import ExtractionConfig
from vakmanschap.skills_engine.sentence_model import reduced_basis


@pytest.fixture(autouse=True)
def vector_store(tmp_path, monkeypatch):
    monkeypatch.setenv("VAKMANSCHAP_EMBEDDING_CACHE", str(tmp_path / "vectors"))
    return tmp_path / "vectors"


def build(encoder="use", weight=2.0):
    config = EngineConfig(
        precompute_matrix=False,
        extraction=ExtractionConfig(encoder=encoder, encoder_weight=weight),
    )
    return SkillsEngine.build(make_snapshot(), None, config)


def test_the_model_finds_a_skill_that_no_word_names():
    # No word of "look after sick people in a hospital ward" is in "care for patients" or in the
    # other labels; the lexical extractor only has the description to go on.
    text = "Ik verpleeg zieke mensen op een afdeling van het ziekenhuis"
    hybrid = build()
    assert hybrid.extract_skills(text, 1)[0][0] == "urn:sk:care"
    lexical = build(encoder=None)
    assert lexical.extractor.embeddings is None
    assert [u for u, _, _ in lexical.extract_skills(text, 3)] != [
        u for u, _, _ in hybrid.extract_skills(text, 3)
    ]


def test_empty_and_stopword_texts_stay_empty():
    engine = build()
    assert engine.extract_skills("", 5) == []
    assert engine.extract_skills("  \n ", 5) == []
    assert engine.extract_skills("de het en of", 5) == []


def test_an_unknown_encoder_warns_and_stays_lexical(caplog):
    with caplog.at_level(logging.WARNING):
        engine = build(encoder="no-such-encoder")
    assert engine.extractor.embeddings is None
    assert "stays lexical" in caplog.text
    assert engine.extract_skills("weld metal parts", 1)[0][0] == "urn:sk:weld"


def test_a_cached_engine_without_its_encoder_falls_back_to_lexical(caplog):
    engine = SkillsEngine(pickle.loads(pickle.dumps(build().__dict__)))
    lexical = build(encoder=None).extract_skills("read technical drawings and weld", 3)
    engine.extractor.embeddings.encoder_name = "uninstalled"
    with caplog.at_level(logging.WARNING):
        found = engine.extract_skills("read technical drawings and weld", 3)
    assert "lexical" in caplog.text
    assert found == lexical
    assert engine.extractor.embeddings is None  # warned once, then lexical


def test_the_engine_keeps_all_labels_as_int8_and_the_preferred_ones_as_float32():
    emb = build().extractor.embeddings
    assert emb.vectors.codes.dtype == np.int8
    assert emb.head_vectors.dtype == np.float32
    assert emb.table.texts == [] and emb.head.texts == []  # not kept after encoding
    state = emb.__getstate__()
    assert state["head_vectors"].dtype == np.float16  # half the size in the engine cache
    loaded = pickle.loads(pickle.dumps(emb))
    assert loaded.head_vectors.dtype == np.float32
    np.testing.assert_allclose(loaded.head_vectors, emb.head_vectors, atol=1e-3)
    np.testing.assert_array_equal(loaded.vectors.codes, emb.vectors.codes)


def test_a_loaded_engine_has_its_encoder_loaded_before_the_first_query(monkeypatch):
    # gunicorn's workers share what the master loaded; an encoder loaded at the first query
    # would be loaded again by every worker.
    state = pickle.loads(pickle.dumps(build().__dict__))
    monkeypatch.setattr(encoders, "_LOADED", {})
    SkillsEngine(state)
    use = encoders._LOADED["use"].model
    assert use._sp is not None and use._backend is not None  # tokenizer and weights


def test_the_vector_store_only_encodes_new_texts(vector_store, monkeypatch):
    first = sentence_model.encode_passages("use", ["weld metal parts", "lassen"])
    assert (vector_store / "use.npz").exists()
    calls = []
    real = sentence_model.encoder("use").passages
    monkeypatch.setattr(
        sentence_model.encoder("use"), "passages", lambda texts: calls.append(texts) or real(texts)
    )
    again = sentence_model.encode_passages("use", ["lassen", "weld metal parts", "solderen"])
    assert calls == [["solderen"]]
    # texts whose key ends in a zero byte (numpy's bytes strings would drop it) are found too
    zero_ended = [t for t in (f"label {i}" for i in range(2000)) if sentence_model._key(t)[-1] == 0]
    sentence_model.encode_passages("use", zero_ended[:2])
    calls.clear()
    sentence_model.encode_passages("use", zero_ended[:2])
    assert calls == []
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(again[1], first[0])


def test_all_labels_count_for_the_candidates():
    skills = make_snapshot().skills
    skills[0].labels["nl"] = {"preferred": "", "alt": ["lassen", "metaal lassen"], "hidden": []}
    emb = sentence_model.SkillLabelEmbeddings(skills, "use", candidates=len(skills))
    texts = ["ik kan metaal lassen", "verzorgen van zieke mensen"]
    queries = sentence_model.encoder("use").queries(texts)
    vectors = emb.vectors.rows(np.arange(len(emb.vectors)))
    full = np.array(
        [
            [
                max(float(q @ v) for v, o in zip(vectors, emb.table.owner, strict=True) if o == j)
                for j in range(len(skills))
            ]
            for q in queries
        ]
    )
    # within int8's rounding: a preferred label also counts through its float32 head vector
    np.testing.assert_allclose(emb.scores(texts), full, atol=1e-3)
    emb.candidates = 0  # preferred labels only: the Dutch alternative labels no longer count
    assert emb.scores(texts)[0, 0] < full[0, 0] - 0.05


def test_the_preferred_labels_are_scanned_in_their_leading_dimensions():
    rng = np.random.default_rng(3)
    few = rng.standard_normal((40, 512)).astype(np.float32)
    basis, reduced = reduced_basis(few, 192)
    query = rng.standard_normal(512).astype(np.float32)
    # no more rows than dimensions: the basis spans them all, the products are exact
    np.testing.assert_allclose((query @ basis) @ reduced.T, few @ query, rtol=1e-3, atol=1e-3)
    # more rows: a rank-d approximation that keeps the largest directions
    low_rank = rng.standard_normal((300, 8)) @ rng.standard_normal((8, 512))
    many = (low_rank + 0.001 * rng.standard_normal((300, 512))).astype(np.float32)
    basis, reduced = reduced_basis(many, 8)
    assert basis.shape == (512, 8) and reduced.shape == (300, 8)
    np.testing.assert_allclose((query @ basis) @ reduced.T, many @ query, atol=0.15)
    assert not np.allclose(((query @ basis) @ reduced.T)[:5], (many @ query)[:5], atol=1e-6)


def test_candidates_are_scored_on_all_their_labels_in_full():
    engine = build()
    emb = engine.extractor.embeddings
    text = ["weld metal parts"]
    scores = emb.scores(text)
    query = encoders.encoder(emb.encoder_name).queries(text)[0]
    for skill in np.flatnonzero(emb.count):
        rows = np.arange(emb.first[skill], emb.first[skill] + emb.count[skill])
        assert scores[0, skill] == pytest.approx(emb.vectors.dot(rows, query).max(), abs=1e-6)
