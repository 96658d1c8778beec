"""Training plan workflow: draft, submit, decide (four eyes), fund against the budget."""

import copy
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from vakmanschap.core import coded
from vakmanschap.core.audit_trail import save_changes
from vakmanschap.core.fsm import may

from . import cheque_account, eligibility, ledger, prerequisites, texts
from .cheques import create_cheques
from .models import Cheque, ChequeState, PlanCourse, PlanState, TrainingPlan

# A plan is editable (and a draft deletable) only before the fund has it.
EDITABLE_STATES = (PlanState.DRAFT, PlanState.RETURNED)


class PlanNotAllowed(Exception):
    """The action is not allowed in the plan's state or by this person; nothing changed."""


@dataclass
class Decision:
    plan: TrainingPlan
    codes: dict[int, str]  # cheque id → plain code, shown this once


def split_contribution(prices: list[int], contribution: int) -> list[int]:
    """What the fund pays per course: the own contribution is shared pro rata (whole cents)."""
    total = sum(prices)
    if total == 0:
        return [0 for _ in prices]
    shares = [contribution * p // total for p in prices]
    # Largest remainder first; a share never exceeds its course's price.
    by_fraction = sorted(range(len(prices)), key=lambda i: -(contribution * prices[i] % total))
    for i in by_fraction[: contribution - sum(shares)]:
        shares[i] += 1
    return [p - s for p, s in zip(prices, shares, strict=True)]


@transaction.atomic
def create_draft(
    *,
    participant,
    author,
    scheme,
    funding_period,
    target_occupation,
    courses,
    justification,
    labour_market_justification="",
    own_contribution_cents=0,
):
    courses = list(courses)
    if has_open_plan(participant):
        raise PlanNotAllowed(_("This participant already has an open plan."))
    prices, fund_amounts = _amounts(courses, own_contribution_cents)
    plan = TrainingPlan.objects.create(
        participant=participant,
        author=author,
        scheme=scheme,
        funding_period=funding_period,
        target_occupation=target_occupation,
        justification=justification,
        labour_market_justification=labour_market_justification,
        own_contribution_cents=own_contribution_cents,
        total_cents=sum(prices),
        fund_amount_cents=sum(fund_amounts),
    )
    _add_courses(plan, courses, fund_amounts)
    return plan


def has_open_plan(participant) -> bool:
    """One open plan per participant: a new one waits until the current one has ended."""
    return TrainingPlan.objects.open().filter(participant=participant).exists()


def _amounts(courses, own_contribution_cents) -> tuple[list[int], list[int]]:
    if not courses:
        raise PlanNotAllowed(_("Choose at least one course."))
    prices = [c.price_cents for c in courses]
    if own_contribution_cents > sum(prices):
        raise PlanNotAllowed(_("The own contribution cannot be more than the total price."))
    return prices, split_contribution(prices, own_contribution_cents)


def _add_courses(plan, courses, fund_amounts) -> None:
    PlanCourse.objects.bulk_create(
        PlanCourse(plan=plan, course=c, price_cents=c.price_cents, fund_amount_cents=f)
        for c, f in zip(courses, fund_amounts, strict=True)
    )


def is_editable(plan) -> bool:
    return plan.state in EDITABLE_STATES


@transaction.atomic
def update_draft(
    plan,
    *,
    funding_period,
    target_occupation,
    courses,
    justification: str,
    labour_market_justification: str = "",
    own_contribution_cents: int = 0,
) -> TrainingPlan:
    """Change a draft or returned plan; its courses are taken at today's prices."""
    plan = _locked(plan)
    if not is_editable(plan):
        raise PlanNotAllowed(_("Only a draft or returned plan can be changed."))
    courses = list(courses)
    prices, fund_amounts = _amounts(courses, own_contribution_cents)
    plan.funding_period = funding_period
    plan.target_occupation = target_occupation
    plan.justification = justification
    plan.labour_market_justification = labour_market_justification
    plan.own_contribution_cents = own_contribution_cents
    plan.total_cents = sum(prices)
    plan.fund_amount_cents = sum(fund_amounts)
    plan.save()
    plan.courses.all().delete()
    _add_courses(plan, courses, fund_amounts)
    return plan


@transaction.atomic
def delete_draft(plan) -> None:
    """A draft that was never submitted leaves no trace in the fund's records."""
    plan = _locked(plan)
    if plan.state != PlanState.DRAFT:
        raise PlanNotAllowed(_("Only a draft plan can be deleted."))
    plan.courses.all().delete()
    plan.delete()


def _locked(plan) -> TrainingPlan:
    return TrainingPlan.objects.select_for_update().get(pk=plan.pk)


def _locked_for_decision(plan) -> TrainingPlan:
    """The plan row locked, with what the rules, the cheques and the audit trail read (scheme
    and its region, participant and municipality, target occupation, the courses) in two
    queries. The plan's catalogue courses are locked too (FOR NO KEY UPDATE, in course order so
    two approvals cannot deadlock): the course cap is counted and the cheques issued under that
    lock, so two approvals for one course cannot both take its last place."""
    return (
        TrainingPlan.objects.select_for_update(of=("self",))
        .select_related("scheme__region", "participant__municipality", "target_occupation")
        .prefetch_related(Prefetch("courses", queryset=courses_locked()))
        .get(pk=plan.pk)
    )


def courses_locked(skip_locked: bool = False):
    """Plan courses with their catalogue course rows locked (FOR NO KEY UPDATE) in course
    order, as every decision that counts the course cap locks them; `skip_locked` leaves out
    the rows another transaction holds instead of waiting for them."""
    return (
        PlanCourse.objects.select_related("course")
        .select_for_update(of=("course",), no_key=True, skip_locked=skip_locked)
        .order_by("course_id", "pk")
    )


@transaction.atomic
def submit(plan, *, by) -> TrainingPlan:
    plan = _locked(plan)
    if not may(plan.submit, by):
        raise PlanNotAllowed(
            submit_blocker(plan) or _("Only a draft or returned plan can be submitted.")
        )
    plan.application_date = timezone.localdate()
    results = eligibility.check(plan)
    if not eligibility.all_ok(results):
        failed = "; ".join(r.message for r in results if not r.ok)
        raise PlanNotAllowed(_("The plan does not meet the scheme's rules: %(f)s") % {"f": failed})
    plan.eligibility = [r.as_dict() for r in results]
    in_priority = plan.scheme.prioritise_target_groups and plan.participant.in_target_group
    plan.priority = 0 if in_priority else 1
    plan.submit(by=by)
    plan.save()
    return plan


def submit_blocker(plan) -> str | None:
    """Why a draft or returned plan cannot be submitted yet, or None when nothing stands in
    the way but the scheme's rules (which the plan page shows one by one)."""
    if is_editable(plan) and prerequisites.conversation_missing(plan):
        return prerequisites.conversation_missing_message()
    return None


def _check_decider(plan, by, bound_transition, message):
    """The machine decides (state, four eyes, role); this only picks the clearest message."""
    if may(bound_transition, by):
        return
    if by.pk == plan.author_id:
        raise PlanNotAllowed(_("The author of a plan may not approve it (four eyes)."))
    if plan.state == PlanState.SECOND_APPROVAL and by.pk == plan.first_approver_id:
        raise PlanNotAllowed(_("The second approval must come from another fund officer."))
    raise PlanNotAllowed(message)


def approve(plan, *, by) -> Decision:
    """Approve: reserve the money and issue cheques, or queue the plan when the budget is short."""
    try:
        return _approve(plan, by)
    except ledger.InsufficientFunds:  # the approval's transaction wrote nothing
        return _queue_for_budget(plan, by)


@transaction.atomic
def _approve(plan, by) -> Decision:
    """Approve and issue the cheques first, then take the budget lock as late as possible, so
    concurrent approvals wait for each other only for the balance check, the reservation and
    the commit. A shortfall raises InsufficientFunds out of this transaction, which undoes it
    all (no savepoint of its own: two round trips fewer)."""
    plan = _locked_for_decision(plan)
    as_read = copy.copy(plan)  # the locked row, for the update and its audit row
    _check_decider(plan, by, plan.approve, _("Only a submitted plan can be approved."))
    results = eligibility.check(plan, plan.application_date)
    if not eligibility.all_ok(results):
        failed = "; ".join(r.message for r in results if not r.ok)
        raise PlanNotAllowed(
            _("The plan no longer meets the scheme's rules: %(f)s") % {"f": failed}
        )
    plan.eligibility = [r.as_dict() for r in results]
    if plan.state == PlanState.SUBMITTED and eligibility.needs_second_approval(results):
        plan.first_approver = by
        plan.approve_first(by=by)
        save_changes(plan, as_read)
        return Decision(plan, {})
    plan.approve(by=by)
    save_changes(plan, as_read)
    cheques, codes = create_cheques(plan)
    cheque_account.reserve_all(plan.funding_period_id, cheques, by=by)
    return Decision(plan, codes)


@transaction.atomic
def _queue_for_budget(plan, by) -> Decision:
    """The budget could not fund the approval: the plan waits for money instead. Checked again
    under the plan's lock, as the plan may have been decided meanwhile."""
    plan = _locked(plan)
    if not can_proceed(plan.put_on_waiting_list):
        raise PlanNotAllowed(_("Only a submitted plan can be approved."))
    plan.put_on_waiting_list(by=by, description=coded.encode(texts.QUEUED_FOR_BUDGET))
    plan.save()
    return Decision(plan, {})


@transaction.atomic
def reject(plan, *, by, reason: str) -> TrainingPlan:
    if not reason.strip():
        raise PlanNotAllowed(_("Give the reason for rejecting the plan."))
    plan = _locked(plan)
    _check_decider(plan, by, plan.reject, _("Only a submitted plan can be rejected."))
    plan.decision_reason = reason.strip()
    plan.reject(by=by, description=reason.strip())
    plan.save()
    return plan


@transaction.atomic
def return_for_changes(plan, *, by, reason: str) -> TrainingPlan:
    if not reason.strip():
        raise PlanNotAllowed(_("Say what needs to change."))
    plan = _locked(plan)
    if not may(plan.return_for_changes, by):
        raise PlanNotAllowed(_("Only a submitted plan can be returned."))
    plan.decision_reason = reason.strip()
    plan.return_for_changes(by=by, description=reason.strip())
    plan.save()
    return plan


@transaction.atomic
def close(plan, *, by, reason: str) -> TrainingPlan:
    """The fund closes the file of an ended plan (completed, dropped out or rejected): who,
    when and why are in the plan's history."""
    reason = (reason or "").strip()
    if not reason:
        raise PlanNotAllowed(_("Give the reason for closing the plan."))
    plan = _locked(plan)
    if not may(plan.close, by):
        raise PlanNotAllowed(_("Only a completed, dropped-out or rejected plan can be closed."))
    plan.close(by=by, description=reason)
    plan.save()
    return plan


def settle(plan_id, *, by, description=None) -> None:
    """When none of a plan's cheques is still running, the plan is completed (at least one
    course completed) or dropped out. The caller holds the transaction."""
    plan = TrainingPlan.objects.select_for_update().get(pk=plan_id)
    states = set(Cheque.objects.filter(plan_id=plan_id).values_list("state", flat=True))
    if states & {ChequeState.ISSUED, ChequeState.BOOKED, ChequeState.STARTED}:
        return
    if ChequeState.COMPLETED in states:
        if plan.state == PlanState.IN_TRAINING:
            plan.complete(by=by, description=description)
            plan.save()
    elif plan.state in (PlanState.APPROVED, PlanState.IN_TRAINING):
        plan.drop_out(by=by, description=description)
        plan.save()
