from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.navigation import NavItem, register

from .permissions import can_view_oversight


class OversightConfig(AppConfig):
    name = "vakmanschap.oversight"
    label = "oversight"
    verbose_name = _("Fraud and error signals")

    def ready(self):
        register(NavItem("oversight:dashboard", _("Signals"), can_view_oversight, 64))
