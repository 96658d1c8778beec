from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "vakmanschap.guidance"
    label = "guidance"
    verbose_name = _("Career guidance")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import CareerConversation

        auditlog.register(CareerConversation)
