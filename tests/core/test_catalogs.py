"""Translation catalogs with the same plural formula are one dictionary (core/catalogs.py), and
every message translates as with Django's own catalog keeping."""

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from vakmanschap.core import catalogs


def _translations(language: str) -> dict:
    catalog = trans_real.DjangoTranslation(language)._catalog
    return {key: catalog.get(key) for key in set(catalog.keys())}, len(catalog._catalogs)


@pytest.mark.parametrize("language, messages", [("nl", 2000), ("en", 10)])
def test_the_merged_catalog_translates_every_message_as_django_does(
    language, messages, monkeypatch
):
    merged, merged_count = _translations(language)
    monkeypatch.setattr(trans_real.TranslationCatalog, "update", catalogs.DJANGO_UPDATE)
    apart, apart_count = _translations(language)
    assert merged == apart and len(merged) > messages
    assert merged_count <= 3 < 30 < apart_count  # one dictionary per app without the merge


def test_the_active_language_still_translates():
    with translation.override("nl"):
        assert translation.gettext("Log in") == "Aanmelden"
    with translation.override("en"):
        assert translation.gettext("Log in") == "Log in"


def test_a_django_that_merges_is_left_as_it_is(monkeypatch):
    monkeypatch.setattr(trans_real.TranslationCatalog, "update", catalogs._update)
    assert catalogs.django_merges_catalogs()
    monkeypatch.setattr(trans_real.TranslationCatalog, "update", catalogs.DJANGO_UPDATE)
    assert not catalogs.django_merges_catalogs()  # the Django of this project: patched
