from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.navigation import NavItem, register

from .permissions import can_search_audit_log


class AuditConfig(AppConfig):
    name = "vakmanschap.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import signals  # noqa: F401 - receivers use models: login, failed login, denials

        register(NavItem("audit:search", _("Audit trail"), can_search_audit_log, 90))
