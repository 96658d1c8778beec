"""The budget queue: plans wait when their period cannot fund them, and are funded in order as
money comes free (an allocation, an expired cheque).

This module sits above `plans` and `cheques` (it uses both), which keeps those two free of each
other's imports."""

from django.db import transaction
from django.utils import timezone

from vakmanschap.core import coded

from . import cheque_account, ledger, texts
from .cheques import issue_cheques
from .models import BudgetPeriod, Cheque, TrainingPlan


@transaction.atomic
def fund_waiting_plans(period_id: int) -> list[TrainingPlan]:
    """Fund queued plans in order (target groups first, then submission time) while money lasts.

    The queue is strict: when the plan at the head does not fit, later plans wait too, so a
    small late plan never jumps the queue.
    """
    BudgetPeriod.objects.select_for_update(no_key=True).get(pk=period_id)
    funded = []
    for plan in TrainingPlan.objects.waiting_queue(period_id).select_for_update():
        if ledger.balances(period_id).available < plan.fund_amount_cents:
            break
        plan.approve(by=None, description=coded.encode(texts.FUNDED_FROM_WAITING_LIST))
        plan.save()
        issue_cheques(plan, by=None)
        funded.append(plan)
    return funded


@transaction.atomic
def expire_overdue(now=None) -> int:
    """Expire cheques not booked in time; release their money and fund waiting plans."""
    now = now or timezone.now()
    periods = set()
    expired = 0
    for cheque in Cheque.objects.expiring_before(now).select_for_update().select_related("plan"):
        cheque.expire(by=None, description=coded.encode(texts.NOT_BOOKED_IN_TIME))
        cheque.save()
        cheque_account.release(cheque, by=None, code=texts.LEDGER_CHEQUE_EXPIRED)
        periods.add(cheque.plan.funding_period_id)
        expired += 1
    for period_id in periods:
        fund_waiting_plans(period_id)
    return expired
