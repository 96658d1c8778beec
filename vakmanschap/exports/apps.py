from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.navigation import NavItem, register

from .permissions import can_export


class ExportsConfig(AppConfig):
    name = "vakmanschap.exports"
    label = "exports"
    verbose_name = _("Exports")

    def ready(self):
        register(NavItem("exports:index", _("Exports"), can_export, 70))
