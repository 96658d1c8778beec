from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.core import daily
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_view_employer


class NetworkConfig(AppConfig):
    name = "vakmanschap.network"
    label = "network"
    verbose_name = _("Employers' network")

    def ready(self):
        daily.register(daily.DailyJob("network_reminders", _renewal_reminders, order=20))
        track(self.get_model("EmployerProfile"))
        track(self.get_model("NetworkMembership"))
        track(self.get_model("StaffInvitation"), exclude_fields=["token_hash"])
        track(self.get_model("EHerkenningLink"), exclude_fields=["subject_key"])
        track(self.get_model("SelfRegistration"))
        # Registered once the app registry is ready: the handler uses the models.
        from vakmanschap.accounts.login_providers import register_identity_handler

        from .eherkenning import handle_eherkenning_login  # uses the models

        register_identity_handler("eherkenning", handle_eherkenning_login)
        register(NavItem("network:employer_list", _("Employers"), can_view_employer, 60))
        register(
            NavItem(
                "network:public",
                _("iKBiNDR network"),
                is_authenticated,
                90,
                roles=frozenset({Role.EMPLOYER_STAFF, Role.FUND_OFFICER, Role.ADMINISTRATOR}),
            )
        )


def _renewal_reminders() -> str:
    from .services import DEFAULT_REMINDER_DAYS, send_renewal_reminders  # uses models: not at load

    return f"{send_renewal_reminders(days=DEFAULT_REMINDER_DAYS)} renewal reminder(s) queued."
