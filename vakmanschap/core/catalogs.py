"""One translation dictionary per plural formula, as Django's `TranslationCatalog` means to keep.

Django 5.2's `TranslationCatalog.update` compares the new catalog's plural *code* with the top
catalog's plural *function*: never equal, so every app's catalog stays a dictionary of its own
(32 for Dutch here) and each message looked up walks them one after the other. A page
translates dozens of messages. `merge_catalogs_with_the_same_plural` makes `update` compare code
with code, as intended: catalogs whose plural formula is the same become one dictionary, a
later one still winning over an earlier one. It changes nothing on a Django that already
merges them.
"""

from django.utils.translation import trans_real

DJANGO_UPDATE = trans_real.TranslationCatalog.update


def _update(self, trans):
    if trans.plural.__code__ == self._plurals[0].__code__:
        self._catalogs[0].update(trans._catalog)  # the later catalog wins, as when prepended
    else:
        self._catalogs.insert(0, trans._catalog.copy())
        self._plurals.insert(0, trans.plural)


class _Catalog:
    def __init__(self, messages: dict):
        self._catalog = messages
        self.plural = lambda n: int(n != 1)


def django_merges_catalogs() -> bool:
    """Whether Django's own `update` merges two catalogs with the same plural formula."""
    catalog = trans_real.TranslationCatalog(_Catalog({"a": "A"}))
    same = _Catalog({"b": "B"})
    same.plural = catalog._plurals[0]
    catalog.update(same)
    return len(catalog._catalogs) == 1


def merge_catalogs_with_the_same_plural() -> None:
    if trans_real.TranslationCatalog.update is not _update and not django_merges_catalogs():
        trans_real.TranslationCatalog.update = _update
