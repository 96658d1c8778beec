"""Cancelling a training cheque: the fund officer's decision, with a reason. The cheque's
reserved money goes back to the budget (through `cheque_account`), waiting plans are funded
from it, the step is audited, and the resident and the provider are told (notifications,
after commit). When no other cheque of the plan is running, the plan ends too.

This module sits above `cheques`, `plans` and `budget_queue` (it uses all three)."""

from django.db import transaction
from django.utils.translation import gettext as _

from vakmanschap.audit.services import record_event
from vakmanschap.core import coded
from vakmanschap.core.fsm import may

from . import budget_queue, cheque_account, plans, texts
from .models import Cheque

CHEQUE_CANCELLED = "cheque_cancelled"


class CancellationError(Exception):
    def __init__(self, message: str, *, field: str | None = None, status: int = 409):
        super().__init__(message)
        self.message, self.field, self.status = message, field, status


@transaction.atomic
def cancel_cheque(cheque, *, by, reason: str) -> Cheque:
    reason = (reason or "").strip()
    if not reason:
        raise CancellationError(
            _("Give the reason for cancelling the cheque."), field="reason", status=400
        )
    cheque = Cheque.objects.select_for_update().select_related("plan").get(pk=cheque.pk)
    if not may(cheque.cancel, by):
        raise CancellationError(
            _("Only an issued or booked cheque can be cancelled, by a fund officer.")
        )
    cheque.cancel(by=by, description=reason)
    cheque.save()
    cheque_account.release(cheque, by=by, code=texts.LEDGER_CHEQUE_CANCELLED, reason=reason)
    record_event(CHEQUE_CANCELLED, actor=by, obj=cheque, reason=reason)
    plans.settle(cheque.plan_id, by=by, description=coded.encode(texts.NO_CHEQUE_LEFT_RUNNING))
    budget_queue.fund_waiting_plans(cheque.plan.funding_period_id)
    return cheque
