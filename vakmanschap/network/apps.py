from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "vakmanschap.network"
    label = "network"
    verbose_name = _("Employers' network")

    def ready(self):
        from vakmanschap.core import daily

        daily.register(daily.DailyJob("network_reminders", _renewal_reminders, order=20))
        from auditlog.registry import auditlog

        from .models import EmployerProfile, NetworkMembership, StaffInvitation

        auditlog.register(EmployerProfile)
        auditlog.register(NetworkMembership)
        auditlog.register(StaffInvitation, exclude_fields=["token_hash"])

        from vakmanschap.accounts.permissions import is_authenticated
        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_view_employer

        register(NavItem("network:employer_list", _("Employers"), can_view_employer, 60))
        register(NavItem("network:public", _("iKBiNDR network"), is_authenticated, 90))


def _renewal_reminders() -> str:
    from .services import DEFAULT_REMINDER_DAYS, send_renewal_reminders

    return f"{send_renewal_reminders(days=DEFAULT_REMINDER_DAYS)} renewal reminder(s) queued."
