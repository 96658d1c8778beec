"""The budget queue: plans wait when their period cannot fund them, and are funded in order as
money comes free (an allocation, an expired cheque).

This module sits above `plans` and `cheques` (it uses both), which keeps those two free of each
other's imports."""

from django.db import transaction
from django.utils import timezone

from vakmanschap.core import coded

from . import cheque_account, eligibility, ledger, texts
from .cheques import issue_cheques
from .models import BudgetPeriod, Cheque, PlanState, TrainingPlan
from .plans import courses_locked


@transaction.atomic
def fund_waiting_plans(period_id: int) -> list[TrainingPlan]:
    """Fund queued plans in order (target groups first, then submission time) while money lasts.

    The queue is strict: when the plan at the head does not fit, later plans wait too, so a
    small late plan never jumps the queue. The scheme's rules are checked again when a plan's
    turn comes, as at approval: one that no longer meets them (a course reached its cheque cap
    while it waited) leaves the queue for a fund officer to decide again, and holds up nobody.
    """
    BudgetPeriod.objects.select_for_update(no_key=True).get(pk=period_id)
    funded = []
    for plan in TrainingPlan.objects.waiting_queue(period_id).select_for_update():
        if not _courses_locked(plan):
            break  # an approval for one of its courses is under way; the next release funds it
        results = eligibility.check(plan, plan.application_date)
        plan.eligibility = [r.as_dict() for r in results]
        if not eligibility.all_ok(results):
            plan.leave_waiting_list(description=coded.encode(texts.NO_LONGER_ELIGIBLE_IN_QUEUE))
            plan.save()
            continue
        if ledger.balances(period_id).available < plan.fund_amount_cents:
            break
        plan.approve(by=None, description=coded.encode(texts.FUNDED_FROM_WAITING_LIST))
        plan.save()
        issue_cheques(plan, by=None)
        funded.append(plan)
    return funded


def _courses_locked(plan) -> bool:
    """Lock the plan's course rows as an approval does, so the cheque cap is counted under the
    same lock. The caller already holds the budget lock, which an approval takes after its course
    locks: waiting here could deadlock, so a course locked right now means "not now"."""
    return len(courses_locked(skip_locked=True).filter(plan=plan)) == plan.courses.count()


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
    # Every period with a queue, not only those that released money now: a plan passed over
    # while an approval held its course is funded by the next daily run at the latest.
    periods |= set(
        TrainingPlan.objects.filter(state=PlanState.WAITING_LIST).values_list(
            "funding_period_id", flat=True
        )
    )
    for period_id in sorted(periods):
        fund_waiting_plans(period_id)
    return expired
