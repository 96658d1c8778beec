"""What gunicorn's master does before it forks the workers (gunicorn.conf.py `when_ready`)."""

from django.contrib.sessions.models import Session
from django.template import engines
from django.utils import formats
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


def test_free_heap_pages_go_back_to_the_system_on_glibc():
    assert preload.trim_malloc() is True


def test_the_warm_up_asks_each_page_through_the_whole_stack(db):
    statuses = preload.warm_requests(("/", "/sign-up/", "/no-such-page/"))

    assert statuses == {"/": 200, "/sign-up/": 200, "/no-such-page/": 404}
    assert not Session.objects.exists()  # read-only: no session stored


def test_the_warm_up_asks_for_a_host_the_site_answers_to(settings):
    settings.ALLOWED_HOSTS = ["*.example.org", ".fonds.example.nl", "localhost"]
    assert preload._own_host() == "fonds.example.nl"
    settings.ALLOWED_HOSTS = ["*"]
    assert preload._own_host() == "localhost"


def test_the_format_modules_of_every_language_are_imported():
    formats._format_modules_cache.clear()

    preload.import_lazy_modules()

    assert {"nl", "en"} <= set(formats._format_modules_cache)
    assert any(m.__name__.endswith("nl.formats") for m in formats._format_modules_cache["nl"])
