from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core import daily
from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import can_approve_plans, can_view_budget


class FundingConfig(AppConfig):
    name = "vakmanschap.funding"
    label = "funding"
    verbose_name = _("Funding and budget")

    def ready(self):
        from . import (  # both use models: only once the app registry is ready
            signals,  # noqa: F401 - receivers use models: files close when plans end
            texts,  # noqa: F401 - history codes, known before any page shows them
        )

        daily.register(daily.DailyJob("expire_cheques", _expire_cheques, order=10))
        for model in (
            "FundingStream",
            "BudgetPeriod",
            "Scheme",
            "RecognisedProvider",
            "TrainingPlan",
            "PlanCourse",
        ):
            track(self.get_model(model))
        # Not the delivery either: a reverse one-to-one, which auditlog would read (one query)
        # for every new cheque, and which has its own audit rows.
        track(self.get_model("Cheque"), exclude_fields=["code_hash", "delivery"])
        register(NavItem("funding:plan_list", _("Training plans"), can_approve_plans, 20))
        register(NavItem("funding:budget", _("Budget"), can_view_budget, 30))


def _expire_cheques() -> str:
    from .budget_queue import expire_overdue  # uses models: not at load time

    return f"{expire_overdue()} cheque(s) expired."
