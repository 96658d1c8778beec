from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track
from vakmanschap.core.navigation import NavItem, register

from .permissions import (
    can_check_invoices,
    can_manage_payments,
    can_see_needs_action,
    can_use_provider_portal,
)


class DeliveryConfig(AppConfig):
    name = "vakmanschap.delivery"
    label = "delivery"
    verbose_name = _("Provider portal, invoices and payments")

    def ready(self):
        from . import texts  # noqa: F401  (defines the codes it stores)

        for model in ("ChequeDelivery", "IbanChange", "Invoice", "PaymentBatch", "Recovery"):
            track(self.get_model(model))
        register(NavItem("delivery:portal", _("My cheques"), can_use_provider_portal, 30))
        register(NavItem("delivery:check_list", _("Invoices to check"), can_check_invoices, 60))
        register(NavItem("delivery:needs_action", _("Overdue deadlines"), can_see_needs_action, 61))
        register(
            NavItem("delivery:approve_list", _("Invoices to approve"), can_manage_payments, 62)
        )
        register(NavItem("delivery:batches", _("Payment batches"), can_manage_payments, 63))
