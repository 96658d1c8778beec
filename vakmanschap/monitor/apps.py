from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "vakmanschap.monitor"
    label = "monitor"
    verbose_name = _("Regional monitor")

    def ready(self):
        # The permissions module imports models: only once the app registry is ready.
        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_view_monitor

        register(NavItem("monitor:index", _("Regional monitor"), can_view_monitor, 5))
