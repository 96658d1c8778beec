from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "vakmanschap.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Organisation

        auditlog.register(Organisation)

        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_view_organisation

        register(NavItem("organisations:list", _("Organisations"), can_view_organisation, 80))
