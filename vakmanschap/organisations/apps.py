from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import Role
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_view_organisation


class OrganisationsConfig(AppConfig):
    name = "vakmanschap.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        track(self.get_model("Organisation"))
        register(
            NavItem(
                "organisations:list",
                _("Organisations"),
                can_view_organisation,
                80,
                roles=frozenset({Role.ADMINISTRATOR, Role.FUND_OFFICER, Role.FINANCE_OFFICER}),
            )
        )
