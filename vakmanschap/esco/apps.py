from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register


class EscoConfig(AppConfig):
    name = "vakmanschap.esco"
    label = "esco"
    verbose_name = _("ESCO taxonomy")

    def ready(self):
        # The shortage list decides eligibility for training subsidies: log every change.
        track(self.get_model("ShortageList"))
        track(self.get_model("ShortageOccupation"))
        register(
            NavItem(
                "esco:occupation_list",
                _("Occupations"),
                is_authenticated,
                60,
                roles=frozenset(
                    {Role.ADVISOR, Role.FUND_OFFICER, Role.EMPLOYER_STAFF, Role.ADMINISTRATOR}
                ),
            )
        )
