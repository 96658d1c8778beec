from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register
from vakmanschap.funding.prerequisites import register_held_conversation

from .permissions import can_manage_conversations


class GuidanceConfig(AppConfig):
    name = "vakmanschap.guidance"
    label = "guidance"
    verbose_name = _("Career guidance")

    def ready(self):
        from .services import has_held_conversation  # uses models: not at load time

        register_held_conversation(has_held_conversation)
        track(self.get_model("CareerConversation"))
        register(NavItem("guidance:agenda", _("Conversations"), can_manage_conversations, 20))
