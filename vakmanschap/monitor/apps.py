from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core import daily


def _refresh_summary() -> str:
    from .summary_tables import run_daily  # uses models: not at load time

    return run_daily()


class MonitorConfig(AppConfig):
    name = "vakmanschap.monitor"
    label = "monitor"
    verbose_name = _("Regional monitor")

    def ready(self):
        # The permissions module imports models: only once the app registry is ready.
        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_view_monitor

        # After the other jobs, so the figures include what they changed (expired cheques).
        daily.register(daily.DailyJob("monitor_summary", _refresh_summary, order=90))
        register(NavItem("monitor:index", _("Regional monitor"), can_view_monitor, 5))
