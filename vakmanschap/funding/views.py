from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm_log.models import StateLog

from vakmanschap.core.access import guarded, require
from vakmanschap.core.fsm import available_actions
from vakmanschap.esco.models import attach_preferred_labels
from vakmanschap.people.models import Participant

from . import budget_queue, cancellation, eligibility, ledger, plan_warnings, plans
from .cheques import RedemptionError, letter_code, reissue_code
from .forms import (
    OTHER,
    AllocationForm,
    CancelChequeForm,
    ClosePlanForm,
    DecisionForm,
    NewCodeForm,
    PlanFilterForm,
    PlanForm,
)
from .letters import cheque_letter_pdf
from .models import BudgetPeriod, Cheque, PlanState, TrainingPlan
from .permissions import (
    can_approve_plans,
    can_cancel_cheques,
    can_close_plans,
    can_download_cheque_letter,
    can_manage_budget,
    can_reissue_cheque_code,
    can_view_budget,
    can_view_plan,
    can_write_plans,
)
from .schemes import current_scheme

DECIDE_STATES = [PlanState.SUBMITTED, PlanState.SECOND_APPROVAL, PlanState.WAITING_LIST]


def _plan_fields(data) -> dict:
    return {
        "funding_period": data["funding_period"],
        "target_occupation": data["occupation"],
        "courses": data["courses"],
        "justification": data["justification"],
        "labour_market_justification": data["labour_market_justification"],
        "own_contribution_cents": data["own_contribution"] or 0,
    }


@guarded(can_write_plans)
def plan_new(request, participant_pk):
    participant = get_object_or_404(Participant.objects.active(), pk=participant_pk)
    require(can_write_plans, request.user, participant)
    open_plan = participant.plans.open().first()
    if open_plan is not None:  # say so before the form is filled in, not after
        messages.error(
            request,
            _("This participant already has an open plan; finish or change that one first."),
        )
        return redirect("funding:plan_detail", pk=open_plan.pk)
    scheme = current_scheme()
    # Prefilled from a skills route: ?target=<occupation pk>&courses=<id>&courses=<id>
    initial = {"target": request.GET.get("target", ""), "courses": request.GET.getlist("courses")}
    form = PlanForm(request.POST or None, region=scheme.region if scheme else None, initial=initial)
    if scheme is None:
        messages.error(request, _("No scheme applies today; the fund must configure one first."))
    elif request.method == "POST" and form.is_valid():
        try:
            plan = plans.create_draft(
                participant=participant,
                author=request.user,
                scheme=scheme,
                **_plan_fields(form.cleaned_data),
            )
        except plans.PlanNotAllowed as error:
            form.add_error(None, str(error))
        else:
            return redirect("funding:plan_detail", pk=plan.pk)
    return render(request, "funding/plan_form.html", {"form": form, "participant": participant})


def _editable_plan(request, pk):
    plan = require(can_write_plans, request.user, get_object_or_404(TrainingPlan, pk=pk))
    if not plans.is_editable(plan):
        messages.error(request, _("Only a draft or returned plan can be changed."))
        return None
    return plan


@guarded(can_write_plans)
def plan_edit(request, pk):
    plan = _editable_plan(request, pk)
    if plan is None:
        return redirect("funding:plan_detail", pk=pk)
    initial = {
        "target": str(plan.target_occupation_id),
        "courses": [pc.course_id for pc in plan.courses.all()],
        "funding_period": plan.funding_period_id,
        "own_contribution": plan.own_contribution_cents,
        "justification": plan.justification,
        "labour_market_justification": plan.labour_market_justification,
    }
    form = PlanForm(request.POST or None, region=plan.scheme.region, initial=initial)
    if initial["target"] not in dict(form.fields["target"].choices):  # not on the list (now)
        form.initial.update(target=OTHER, other_occupation=plan.target_occupation.uri)
    if request.method == "POST" and form.is_valid():
        try:
            plans.update_draft(plan, **_plan_fields(form.cleaned_data))
        except plans.PlanNotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("funding:plan_detail", pk=plan.pk)
    return render(
        request,
        "funding/plan_form.html",
        {"form": form, "participant": plan.participant, "plan": plan},
        status=400 if form.errors else 200,
    )


@require_POST
@guarded(can_write_plans)
def plan_delete(request, pk):
    plan = require(can_write_plans, request.user, get_object_or_404(TrainingPlan, pk=pk))
    participant_pk = plan.participant_id
    try:
        plans.delete_draft(plan)
    except plans.PlanNotAllowed as error:
        messages.error(request, str(error))
        return redirect("funding:plan_detail", pk=pk)
    messages.success(request, _("The draft plan has been deleted."))
    return redirect("people:detail", pk=participant_pk)


@guarded(can_view_plan)
def plan_detail(request, pk):
    plan = get_object_or_404(
        TrainingPlan.objects.select_related(
            "participant", "scheme", "funding_period__stream", "target_occupation", "author"
        ),
        pk=pk,
    )
    require(can_view_plan, request.user, plan)
    courses = list(plan.courses.select_related("course__provider"))
    actions = available_actions(plan, request.user)
    can_edit = can_write_plans(request.user, plan) and plans.is_editable(plan)
    results = (
        eligibility.check(plan)
        if plan.state in (PlanState.DRAFT, PlanState.RETURNED)
        else [eligibility.RuleResult.from_dict(r) for r in plan.eligibility]
    )
    return render(
        request,
        "funding/plan_detail.html",
        {
            "plan": plan,
            "results": results,
            "all_ok": eligibility.all_ok(results),
            "courses": courses,
            "warnings": plan_warnings.for_plan(plan, courses),
            "cheques": [
                _with_code_form(cheque, request.user)
                for cheque in plan.cheques.select_related("plan_course__course").order_by("pk")
            ],
            "log": StateLog.objects.for_(plan).select_related("by").order_by("timestamp"),
            "actions": actions,
            "can_edit": can_edit,
            "submit_blocker": plans.submit_blocker(plan) if can_edit else None,
            "can_delete": can_write_plans(request.user, plan) and plan.state == PlanState.DRAFT,
            "can_decide": bool(actions & {"approve", "reject", "return_for_changes"}),
            "can_cancel": can_cancel_cheques(request.user),
            "can_download": can_download_cheque_letter(request.user, plan),
            "can_reissue": can_reissue_cheque_code(request.user, plan),
            "decision_form": DecisionForm(),
            "close_form": ClosePlanForm(),
        },
    )


def _with_code_form(cheque, user):
    # One form per cheque, each with its own ids.
    cheque.new_code_form = NewCodeForm(prefix=f"c{cheque.pk}")
    cheque.actions = available_actions(cheque, user)
    if "cancel" in cheque.actions:
        cheque.cancel_form = CancelChequeForm(prefix=f"x{cheque.pk}")
    return cheque


def _act(request, pk, check, action):
    plan = require(check, request.user, get_object_or_404(TrainingPlan, pk=pk))
    try:
        message = action(plan)
    except plans.PlanNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect("funding:plan_detail", pk=pk)


@require_POST
@guarded(can_write_plans)
def plan_submit(request, pk):
    return _act(
        request,
        pk,
        can_write_plans,
        lambda plan: (
            plans.submit(plan, by=request.user),
            _("The plan has been submitted to the fund."),
        )[1],
    )


@require_POST
@guarded(can_approve_plans)
def plan_decide(request, pk):
    reason = request.POST.get("reason", "")
    decision = request.POST.get("decision")

    def act(plan):
        if decision == "reject":
            plans.reject(plan, by=request.user, reason=reason)
            return _("The plan has been rejected.")
        if decision == "return":
            plans.return_for_changes(plan, by=request.user, reason=reason)
            return _("The plan has been returned for changes.")
        result = plans.approve(plan, by=request.user)
        return {
            PlanState.APPROVED: _("Approved: the money is reserved and the cheques are issued."),
            PlanState.WAITING_LIST: _("Not enough budget: the plan is on the waiting list."),
            PlanState.SECOND_APPROVAL: _("Approved once; a second fund officer must approve too."),
        }[result.plan.state]

    return _act(request, pk, can_approve_plans, act)


@require_POST
@guarded(can_close_plans)
def plan_close(request, pk):
    form = ClosePlanForm(request.POST)
    if not form.is_valid():
        require(can_close_plans, request.user, get_object_or_404(TrainingPlan, pk=pk))
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("funding:plan_detail", pk=pk)
    return _act(
        request,
        pk,
        can_close_plans,
        lambda plan: (
            plans.close(plan, by=request.user, reason=form.cleaned_data["reason"]),
            _("The plan has been closed."),
        )[1],
    )


@require_POST
@guarded(can_cancel_cheques)
def cheque_cancel(request, pk):
    """The fund cancels a cheque with a reason: its money goes back to the budget."""
    cheque = require(can_cancel_cheques, request.user, get_object_or_404(Cheque, pk=pk))
    form = CancelChequeForm(request.POST, prefix=f"x{cheque.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("funding:plan_detail", pk=cheque.plan_id)
    try:
        cancellation.cancel_cheque(cheque, by=request.user, reason=form.cleaned_data["reason"])
    except cancellation.CancellationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The cheque has been cancelled and its money is back in the budget. The "
                "resident and the provider have been told."
            ),
        )
    return redirect("funding:plan_detail", pk=cheque.plan_id)


@guarded(can_approve_plans)
def plan_list(request):
    form = PlanFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    qs = TrainingPlan.objects.select_related(
        "participant", "target_occupation", "funding_period__stream"
    )
    qs = qs.filter(state=state) if state else qs.filter(state__in=DECIDE_STATES)
    page = Paginator(qs.order_by("priority", "submitted_at", "pk"), 25).get_page(
        request.GET.get("page")
    )
    attach_preferred_labels(plan.target_occupation for plan in page)  # one query, not one a row
    return render(request, "funding/plan_list.html", {"form": form, "page": page})


@guarded(can_download_cheque_letter)
def cheque_letter(request, pk):
    """The Dutch letter with the code and a QR code. Downloading changes nothing: the same code
    every time, until someone issues a new one on purpose (cheque_new_code)."""
    cheque = get_object_or_404(
        Cheque.objects.select_related("plan__participant", "plan_course__course__provider"), pk=pk
    )
    require(can_download_cheque_letter, request.user, cheque.plan)
    code = letter_code(cheque)
    if cheque.state != "issued" or code is None:
        messages.error(
            request,
            _("This cheque has been booked already; the letter is no longer needed.")
            if cheque.state != "issued"
            else _("This letter cannot be printed again. Ask your career advisor for a new code."),
        )
        if request.user.pk == cheque.plan.participant.user_id:
            return redirect("people:mine")
        return redirect("funding:plan_detail", pk=cheque.plan_id)
    response = HttpResponse(cheque_letter_pdf(cheque, code), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="scholingscheque-{cheque.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@guarded(can_reissue_cheque_code)
def cheque_new_code(request, pk):
    """A new code, on purpose and with a reason: the old code and letter stop working."""
    cheque = get_object_or_404(Cheque.objects.select_related("plan__participant"), pk=pk)
    require(can_reissue_cheque_code, request.user, cheque.plan)
    form = NewCodeForm(request.POST, prefix=f"c{cheque.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("funding:plan_detail", pk=cheque.plan_id)
    try:
        reissue_code(cheque, by=request.user, reason=form.cleaned_data["reason"])
    except RedemptionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "A new code has been issued; the old code and letter no longer work. The "
                "resident and the provider have been told. Download the new letter."
            ),
        )
    return redirect("funding:plan_detail", pk=cheque.plan_id)


@guarded(can_view_budget)
def budget(request):
    periods = list(BudgetPeriod.objects.select_related("stream").order_by("stream__name", "start"))
    balances = ledger.balances_by_period(p.pk for p in periods)  # constant queries
    rows = [
        (period, balances[period.pk], AllocationForm(prefix=f"p{period.pk}")) for period in periods
    ]
    return render(
        request,
        "funding/budget.html",
        {"rows": rows, "can_allocate": can_manage_budget(request.user)},
    )


@require_POST
@guarded(can_manage_budget)
def allocate(request, pk):
    period = get_object_or_404(BudgetPeriod, pk=pk)
    form = AllocationForm(request.POST, prefix=f"p{period.pk}")
    if form.is_valid() and form.cleaned_data["amount"]:
        ledger.post(
            period.pk,
            "allocate",
            form.cleaned_data["amount"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        funded = budget_queue.fund_waiting_plans(period.pk)
        messages.success(
            request, _("Allocated. %(n)s waiting plans were funded.") % {"n": len(funded)}
        )
    else:
        messages.error(
            request,
            " ".join(e for errors in form.errors.values() for e in errors)
            or _("Enter an amount above zero."),
        )
    return redirect("funding:budget")
