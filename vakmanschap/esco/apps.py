from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EscoConfig(AppConfig):
    name = "vakmanschap.esco"
    label = "esco"
    verbose_name = _("ESCO taxonomy")

    def ready(self):
        from auditlog.registry import auditlog

        from vakmanschap.accounts.permissions import is_authenticated
        from vakmanschap.core.navigation import NavItem, register

        from .models import ShortageList, ShortageOccupation

        # The shortage list decides eligibility for training subsidies: log every change.
        auditlog.register(ShortageList)
        auditlog.register(ShortageOccupation)
        register(NavItem("esco:occupation_list", _("Occupations"), is_authenticated, 60))
