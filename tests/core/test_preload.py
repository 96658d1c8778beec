"""What gunicorn's master does before it forks the workers (gunicorn.conf.py `when_ready`)."""

from django.template import engines
from django.utils.translation import trans_real

from vakmanschap.core import preload


def _cached_loader():
    (loader,) = engines["django"].engine.template_loaders
    return loader


def test_every_template_is_compiled_into_the_cached_loader():
    loader = _cached_loader()
    loader.reset()
    names = preload.template_names()
    assert "base.html" in names and "503.html" in names

    compiled = preload.compile_templates()

    assert compiled == len(names)
    assert {"base.html", "503.html"} <= set(loader.get_template_cache)


def test_the_catalogue_of_every_language_is_loaded():
    trans_real._translations.clear()

    assert preload.load_translations() == ["nl", "en"]

    assert {"nl", "en"} <= set(trans_real._translations)


def test_malloc_is_tuned_on_glibc():
    assert preload.tune_malloc(2) is True
