from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "vakmanschap.funding"
    label = "funding"
    verbose_name = _("Funding and budget")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import BudgetPeriod, FundingStream

        auditlog.register(FundingStream)
        auditlog.register(BudgetPeriod)
