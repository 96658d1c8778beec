from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "vakmanschap.funding"
    label = "funding"
    verbose_name = _("Funding and budget")

    def ready(self):
        from vakmanschap.core import daily

        daily.register(daily.DailyJob("expire_cheques", _expire_cheques, order=10))
        from auditlog.registry import auditlog

        from . import signals  # noqa: F401  (files close when plans end)
        from .models import (
            BudgetPeriod,
            Cheque,
            FundingStream,
            PlanCourse,
            RecognisedProvider,
            Scheme,
            TrainingPlan,
        )

        for model in (
            FundingStream,
            BudgetPeriod,
            Scheme,
            RecognisedProvider,
            TrainingPlan,
            PlanCourse,
        ):
            auditlog.register(model)
        auditlog.register(Cheque, exclude_fields=["code_hash"])

        from vakmanschap.core.navigation import NavItem, register

        from .permissions import can_approve_plans, can_view_budget

        register(NavItem("funding:plan_list", _("Training plans"), can_approve_plans, 20))
        register(NavItem("funding:budget", _("Budget"), can_view_budget, 30))


def _expire_cheques() -> str:
    from .cheques import expire_overdue

    return f"{expire_overdue()} cheque(s) expired."
