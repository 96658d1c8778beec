from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core import daily
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_record_follow_up


def _send_follow_ups() -> str:
    from .services import run_daily  # uses models: not at load time

    sent, reminded = run_daily()
    return f"{sent} follow-up questionnaire(s) sent, {reminded} reminder(s)"


class FollowUpConfig(AppConfig):
    name = "vakmanschap.followup"
    label = "followup"
    verbose_name = _("Follow-up after training")

    def ready(self):
        track(self.get_model("FollowUp"), exclude_fields=["token_hash"])
        daily.register(daily.DailyJob("follow_ups", _send_follow_ups, order=40))
        register(NavItem("followup:open", _("Follow-up"), can_record_follow_up, 35))
