from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "vakmanschap.scan"
    label = "scan"
    verbose_name = _("Social-innovation scan")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Dimension, Instrument, Item, Questionnaire, Scan

        for model in (Questionnaire, Dimension, Item, Instrument):
            auditlog.register(model)
        auditlog.register(Scan, exclude_fields=["scores", "respondent_count", "aggregated"])

        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_view_scan_report

        register(NavItem("scan:index", _("Social-innovation scan"), can_view_scan_report, 65))
