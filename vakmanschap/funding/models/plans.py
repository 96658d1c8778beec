"""Training plans (scholingsplannen) and their state machine. Transitions are logged
(django-fsm-log: who, when, why); the rules that guard them live in `plans.py`."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from vakmanschap.core.fsm import logged_transition, system_only

from ..permissions import can_approve_plans, can_close_plans, can_write_plans, may_decide_plan
from ..prerequisites import conversation_ready


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SECOND_APPROVAL = "second_approval", _("Waiting for a second approver")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    WAITING_LIST = "waiting_list", _("On the waiting list")
    APPROVED = "approved", _("Approved, cheques issued")
    IN_TRAINING = "in_training", _("In training")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    CLOSED = "closed", _("Closed")


OPEN_STATES = [
    PlanState.DRAFT,
    PlanState.SUBMITTED,
    PlanState.SECOND_APPROVAL,
    PlanState.RETURNED,
    PlanState.WAITING_LIST,
    PlanState.APPROVED,
    PlanState.IN_TRAINING,
]
# States reached by a fund officer's decision (or the waiting list): they have a decision time.
DECIDED_STATES = [
    PlanState.REJECTED,
    PlanState.WAITING_LIST,
    PlanState.APPROVED,
    PlanState.IN_TRAINING,
    PlanState.COMPLETED,
    PlanState.DROPPED_OUT,
    PlanState.CLOSED,
]
# States in which a plan's money counts against the participant's maximum.
FUNDED_STATES = [
    PlanState.APPROVED,
    PlanState.IN_TRAINING,
    PlanState.COMPLETED,
    PlanState.DROPPED_OUT,
    PlanState.CLOSED,
    PlanState.WAITING_LIST,
]


def has_independent_first_approver(plan) -> bool:
    return plan.first_approver_id is not None and plan.first_approver_id != plan.author_id


# Who may take a transition (django-fsm passes the plan and the user).
def _writer(plan, user) -> bool:
    return can_write_plans(user, plan)


def _decider(plan, user) -> bool:
    # A queued plan is funded by the budget queue when money comes free, not by a person.
    return plan.state != PlanState.WAITING_LIST and may_decide_plan(user, plan)


def _fund_officer(plan, user) -> bool:
    return can_approve_plans(user, plan)


def _closer(plan, user) -> bool:
    return can_close_plans(user, plan)


class TrainingPlanQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def waiting_queue(self, period):
        return self.filter(state=PlanState.WAITING_LIST, funding_period=period).order_by(
            "priority", "submitted_at", "pk"
        )

    def fund_amount_for(self, participant, scheme, exclude=None) -> int:
        plans = self.filter(participant=participant, scheme=scheme, state__in=FUNDED_STATES)
        if exclude is not None:
            plans = plans.exclude(pk=exclude.pk)
        return plans.aggregate(total=Sum("fund_amount_cents"))["total"] or 0


class TrainingPlan(ConcurrentTransitionMixin, models.Model):
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("participant"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="authored_plans",
        verbose_name=_("author"),
    )
    scheme = models.ForeignKey(
        "funding.Scheme", on_delete=models.PROTECT, related_name="plans", verbose_name=_("scheme")
    )
    funding_period = models.ForeignKey(
        "funding.BudgetPeriod",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("budget"),
    )
    target_occupation = models.ForeignKey(
        "esco.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("target occupation"),
        limit_choices_to={"kind": "occupation"},
    )
    justification = models.TextField(_("justification"))
    labour_market_justification = models.TextField(
        _("labour-market prospect"),
        blank=True,
        help_text=_("Needed when the occupation is not on the shortage list."),
    )
    own_contribution_cents = models.PositiveIntegerField(_("own contribution (cents)"), default=0)
    total_cents = models.PositiveIntegerField(_("total (cents)"), default=0)
    fund_amount_cents = models.PositiveIntegerField(_("paid by the fund (cents)"), default=0)
    state = FSMField(default=PlanState.DRAFT, choices=PlanState.choices, protected=True)
    priority = models.PositiveSmallIntegerField(default=1)  # 0 = target group first
    application_date = models.DateField(_("application date"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    eligibility = models.JSONField(default=list, blank=True)
    first_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        indexes = [
            models.Index(
                fields=["state", "funding_period", "priority", "submitted_at"], name="plan_queue"
            ),
            models.Index(fields=["participant", "state"], name="plan_participant_state"),
        ]
        constraints = [
            # One open plan per participant, also under concurrent submits.
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(state__in=OPEN_STATES),
                name="plan_one_open_per_participant",
            ),
            models.CheckConstraint(
                condition=Q(own_contribution_cents__lte=models.F("total_cents")),
                name="plan_contribution_within_total",
            ),
            models.CheckConstraint(
                condition=Q(
                    fund_amount_cents=models.F("total_cents") - models.F("own_contribution_cents")
                ),
                name="plan_fund_amount_is_total_minus_contribution",
            ),
            # Four eyes: the author is never the first approver (and `approve` refuses the
            # first approver as the second).
            models.CheckConstraint(
                condition=Q(first_approver__isnull=True) | ~Q(first_approver=models.F("author")),
                name="plan_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(state=PlanState.SECOND_APPROVAL) | Q(first_approver__isnull=False),
                name="plan_second_approval_has_first_approver",
            ),
            models.CheckConstraint(
                condition=Q(state=PlanState.DRAFT)
                | Q(submitted_at__isnull=False, application_date__isnull=False),
                name="plan_submitted_has_dates",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=DECIDED_STATES) | Q(decided_at__isnull=False),
                name="plan_decided_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.participant} → {self.target_occupation}"

    # Transitions: the source states, conditions and who may take them live here; the side
    # effects that need other objects (budget, cheques) are in funding/plans.py, which calls
    # these. `core.fsm.available_actions` tells views which ones a user is offered.

    # Each transition stamps the moment its state stands for (the database requires it).
    @logged_transition(
        [PlanState.DRAFT, PlanState.RETURNED],
        PlanState.SUBMITTED,
        conditions=[conversation_ready],
        permission=_writer,
    )
    def submit(self, by=None, description=None):
        self.submitted_at = timezone.now()
        self.application_date = self.application_date or timezone.localdate()

    @logged_transition(PlanState.SUBMITTED, PlanState.RETURNED, permission=_fund_officer)
    def return_for_changes(self, by=None, description=None):
        pass

    @logged_transition(
        [PlanState.SUBMITTED, PlanState.SECOND_APPROVAL], PlanState.REJECTED, permission=_decider
    )
    def reject(self, by=None, description=None):
        self.decided_at = timezone.now()

    @logged_transition(
        PlanState.SUBMITTED,
        PlanState.SECOND_APPROVAL,
        conditions=[has_independent_first_approver],
        permission=_decider,
    )
    def approve_first(self, by=None, description=None):
        pass

    @logged_transition(
        [PlanState.SUBMITTED, PlanState.SECOND_APPROVAL, PlanState.WAITING_LIST],
        PlanState.APPROVED,
        permission=_decider,
    )
    def approve(self, by=None, description=None):
        self.decided_at = timezone.now()

    @logged_transition(
        [PlanState.SUBMITTED, PlanState.SECOND_APPROVAL],
        PlanState.WAITING_LIST,
        permission=system_only,
    )
    def put_on_waiting_list(self, by=None, description=None):
        self.decided_at = timezone.now()

    @logged_transition(PlanState.WAITING_LIST, PlanState.SUBMITTED, permission=system_only)
    def leave_waiting_list(self, by=None, description=None):
        """Its turn came but it no longer meets the rules: a fund officer decides again."""

    @logged_transition(PlanState.APPROVED, PlanState.IN_TRAINING, permission=system_only)
    def start_training(self, by=None, description=None):
        pass

    @logged_transition(PlanState.IN_TRAINING, PlanState.COMPLETED, permission=system_only)
    def complete(self, by=None, description=None):
        pass

    @logged_transition(
        [PlanState.APPROVED, PlanState.IN_TRAINING], PlanState.DROPPED_OUT, permission=system_only
    )
    def drop_out(self, by=None, description=None):
        pass

    @logged_transition(
        [PlanState.COMPLETED, PlanState.DROPPED_OUT, PlanState.REJECTED],
        PlanState.CLOSED,
        permission=_closer,
    )
    def close(self, by=None, description=None):
        pass  # who, when and why are in the transition log (`by`, `description`)


class PlanCourse(models.Model):
    """A course in a plan, with the catalogue price on the plan's date (it does not follow
    later price changes)."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="courses")
    course = models.ForeignKey("catalogue.Course", on_delete=models.PROTECT, related_name="+")
    price_cents = models.PositiveIntegerField()
    fund_amount_cents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "course"], name="plan_course_once"),
            models.CheckConstraint(
                condition=Q(fund_amount_cents__lte=models.F("price_cents")),
                name="plan_course_fund_within_price",
            ),
        ]

    def __str__(self):
        return f"{self.course} ({self.price_cents})"
