from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_view_scan_report


class ScanConfig(AppConfig):
    name = "vakmanschap.scan"
    label = "scan"
    verbose_name = _("Social-innovation scan")

    def ready(self):
        for model in ("Questionnaire", "Dimension", "Item", "Instrument"):
            track(self.get_model(model))
        track(self.get_model("Scan"), exclude_fields=["scores", "respondent_count", "aggregated"])
        register(NavItem("scan:index", _("Social-innovation scan"), can_view_scan_report, 65))
