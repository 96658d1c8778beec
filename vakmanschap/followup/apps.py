from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _send_follow_ups() -> str:
    from .services import run_daily

    sent, reminded = run_daily()
    return f"{sent} follow-up questionnaire(s) sent, {reminded} reminder(s)"


class FollowUpConfig(AppConfig):
    name = "vakmanschap.followup"
    label = "followup"
    verbose_name = _("Follow-up after training")

    def ready(self):
        from auditlog.registry import auditlog

        from vakmanschap.core import daily

        from .models import FollowUp

        auditlog.register(FollowUp, exclude_fields=["token_hash"])
        daily.register(daily.DailyJob("follow_ups", _send_follow_ups, order=40))

        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_record_follow_up

        register(NavItem("followup:open", _("Follow-up"), can_record_follow_up, 35))
