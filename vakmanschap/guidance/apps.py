from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_manage_conversations


class GuidanceConfig(AppConfig):
    name = "vakmanschap.guidance"
    label = "guidance"
    verbose_name = _("Career guidance")

    def ready(self):
        track(self.get_model("CareerConversation"))
        register(NavItem("guidance:agenda", _("Conversations"), can_manage_conversations, 20))
