from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .catalogs import merge_catalogs_with_the_same_plural

# Before any app's ready() may load a language's catalogs (catalogs.py).
merge_catalogs_with_the_same_plural()


class CoreConfig(AppConfig):
    name = "vakmanschap.core"
    label = "core"
    verbose_name = _("Core")
