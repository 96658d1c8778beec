"""The sections the fund's own workflow contributes to the needs-action page."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vakmanschap.accounts.permissions import is_advisor, is_authenticated, is_fund_officer
from vakmanschap.accounts.roles import Role
from vakmanschap.core.presentation import format_day, format_euros, format_moment
from vakmanschap.funding.models import ChequeState, PlanState, TrainingPlan
from vakmanschap.guidance.models import CareerConversation, ConversationState
from vakmanschap.people.choices import DuplicateStatus, Triage
from vakmanschap.people.models import DuplicateCandidate, Participant, advisor_scope

from .needs_action import Row, Section, register, url_or_none


def _date(value) -> str:
    return format_day(value) if value else ""


def is_participant_with_record(user, obj=None) -> bool:
    return is_authenticated(user) and user.has_role(Role.PARTICIPANT)


# Advisor ---------------------------------------------------------------------------------


def waiting_for_triage(user):
    """Sign-ups in the advisor's caseload, and those nobody has picked up yet."""
    return (
        Participant.objects.active()
        .in_care_of(user)
        .filter(triage=Triage.PENDING)
        .filter(Q(advisor=user) | Q(advisor__isnull=True))
        .select_related("municipality")
        .order_by("created_at", "pk")
    )


def _describe_sign_up(p):
    return Row(
        _("%(name)s signed up on %(date)s") % {"name": p, "date": _date(p.created_at)},
        url_or_none("people:detail", p.pk),
        p.municipality.name,
    )


def open_duplicates(user):
    return (
        DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN)
        .filter(advisor_scope(user, "participant__"), advisor_scope(user, "other__"))
        .select_related("participant", "other")
        .order_by("pk")
    )


def _describe_duplicate(c):
    return Row(
        _("%(a)s (#%(a_id)s) may be the same person as %(b)s (#%(b_id)s)")
        % {"a": c.participant, "a_id": c.participant_id, "b": c.other, "b_id": c.other_id},
        url_or_none("people:detail", c.participant_id),
    )


def returned_plans(user):
    return (
        TrainingPlan.objects.filter(state=PlanState.RETURNED, author=user)
        .filter(advisor_scope(user, "participant__"))
        .select_related("participant")
        .order_by("decided_at", "pk")
    )


def _describe_returned(plan):
    return Row(
        _("Plan #%(id)s for %(name)s") % {"id": plan.pk, "name": plan.participant},
        url_or_none("funding:plan_detail", plan.pk),
        plan.decision_reason,
    )


# Fund officer ----------------------------------------------------------------------------


def _plans_in(state, order):
    def items(user):
        return (
            TrainingPlan.objects.filter(state=state).select_related("participant").order_by(*order)
        )

    return items


def _describe_plan(plan):
    detail = _("submitted %(date)s, %(amount)s from the fund") % {
        "date": _date(plan.submitted_at),
        "amount": format_euros(plan.fund_amount_cents),
    }
    return Row(
        _("Plan #%(id)s for %(name)s") % {"id": plan.pk, "name": plan.participant},
        url_or_none("funding:plan_detail", plan.pk),
        detail,
    )


# Participant -----------------------------------------------------------------------------


def next_step(user) -> list:
    participant = (
        Participant.objects.filter(user=user, anonymised_at__isnull=True)
        .select_related("municipality")
        .first()
    )
    if participant is None:
        return []
    return [participant_next_step(participant)]


def participant_next_step(participant) -> Row:
    """The one next step for a participant, from their sign-up, conversation, plan and cheques."""
    plan = (
        TrainingPlan.objects.filter(participant=participant)
        .exclude(state=PlanState.CLOSED)
        .order_by("-created_at")
        .first()
    )
    if plan is not None:
        return _plan_step(plan)
    if participant.triage == Triage.PENDING:
        return Row(_("Your sign-up is waiting for the Leerwerkloket. They will contact you."))
    if participant.triage == Triage.NOT_ELIGIBLE:
        return Row(_("You are not eligible for the fund."), detail=participant.triage_reason)
    if participant.triage == Triage.INFORMATION_ONLY:
        return Row(_("The Leerwerkloket has given you information. There is nothing more to do."))
    talk = (
        CareerConversation.objects.filter(
            participant=participant, state=ConversationState.SCHEDULED
        )
        .order_by("scheduled_at")
        .first()
    )
    if talk is not None:
        when = format_moment(talk.scheduled_at)
        return Row(
            _("Your career conversation is on %(when)s.") % {"when": when}, detail=talk.location
        )
    return Row(_("The Leerwerkloket will plan a career conversation with you."))


def _plan_step(plan) -> Row:
    url = url_or_none("funding:plan_detail", plan.pk)
    state = plan.state
    if state in (PlanState.DRAFT, PlanState.RETURNED):
        return Row(_("Your advisor is writing your training plan."), url)
    if state in (PlanState.SUBMITTED, PlanState.SECOND_APPROVAL):
        return Row(_("The fund is checking your training plan."), url)
    if state == PlanState.WAITING_LIST:
        return Row(
            _("Your plan is approved but on the waiting list. You will hear when money is free."),
            url,
        )
    if state == PlanState.REJECTED:
        return Row(_("Your training plan was not approved."), url, plan.decision_reason)
    cheques = list(plan.cheques.select_related("provider").order_by("pk"))
    issued = [c for c in cheques if c.state == ChequeState.ISSUED]
    if issued:
        c = issued[0]
        return Row(
            _(
                "Book your course with %(provider)s: give them the code of your training cheque "
                "(ending in %(last4)s) and your date of birth before %(date)s."
            )
            % {"provider": c.provider, "last4": c.code_last4, "date": _date(c.valid_until)},
            url,
        )
    if state in (PlanState.APPROVED, PlanState.IN_TRAINING):
        return Row(_("Follow your training. Your provider reports your progress to the fund."), url)
    if state == PlanState.COMPLETED:
        return Row(_("You have completed your training. Congratulations!"), url)
    return Row(_("Your training has ended. Talk to your advisor about what comes next."), url)


register(
    Section(
        "triage",
        gettext_lazy("Sign-ups waiting for triage"),
        is_advisor,
        waiting_for_triage,
        _describe_sign_up,
        10,
    )
)
register(
    Section(
        "duplicates",
        gettext_lazy("Possible duplicates to decide"),
        is_advisor,
        open_duplicates,
        _describe_duplicate,
        11,
    )
)
register(
    Section(
        "returned",
        gettext_lazy("Your plans returned for changes"),
        is_advisor,
        returned_plans,
        _describe_returned,
        12,
    )
)
register(
    Section(
        "submitted",
        gettext_lazy("Plans submitted for approval"),
        is_fund_officer,
        _plans_in(PlanState.SUBMITTED, ["submitted_at", "pk"]),
        _describe_plan,
        20,
    )
)
register(
    Section(
        "second_approval",
        gettext_lazy("Plans waiting for a second approval"),
        is_fund_officer,
        _plans_in(PlanState.SECOND_APPROVAL, ["submitted_at", "pk"]),
        _describe_plan,
        21,
    )
)
register(
    Section(
        "waiting_list",
        gettext_lazy("Waiting list"),
        is_fund_officer,
        _plans_in(PlanState.WAITING_LIST, ["funding_period", "priority", "submitted_at", "pk"]),
        _describe_plan,
        22,
    )
)
register(
    Section(
        "next_step",
        gettext_lazy("Your next step"),
        is_participant_with_record,
        next_step,
        lambda row: row,
        1,
        gettext_lazy("You have not signed up yet."),
    )
)
