from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vakmanschap.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from vakmanschap.core.navigation import NavItem, register

        from . import signals  # noqa: F401  (login, failed login, permission denied)
        from .permissions import can_search_audit_log

        register(NavItem("audit:search", _("Audit trail"), can_search_audit_log, 90))
