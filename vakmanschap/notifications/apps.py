from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.navigation import NavItem, register

from .permissions import can_view_needs_action


class NotificationsConfig(AppConfig):
    name = "vakmanschap.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import events, sections  # noqa: F401 - signal receivers and sections use models

        register(NavItem("notifications:needs_action", _("To do"), can_view_needs_action, 5))
