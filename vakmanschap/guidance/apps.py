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

        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_manage_conversations

        register(NavItem("guidance:agenda", _("Conversations"), can_manage_conversations, 20))
