"""Training cheques (scholingscheques): one per plan course. The code is a secret like a
password: only its keyed hash and last four characters are stored."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from vakmanschap.core.fsm import logged_transition, system_only
from vakmanschap.core.presentation import format_moment

from ..permissions import can_cancel_cheques, is_cheque_provider


class ChequeState(models.TextChoices):
    ISSUED = "issued", _("Issued")
    BOOKED = "booked", _("Booked")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


# States that a provider's redemption led to.
BOOKED_STATES = [
    ChequeState.BOOKED,
    ChequeState.STARTED,
    ChequeState.COMPLETED,
    ChequeState.DROPPED_OUT,
]


def has_attendance(cheque) -> bool:
    return cheque.attendance_percent is not None


def not_on_the_start_date(cheque) -> bool:
    """A course is not completed on the day it started."""
    return cheque.start_date is None or cheque.start_date < timezone.localdate()


# Who may take a transition (django-fsm passes the cheque and the user).
def _provider(cheque, user) -> bool:
    return is_cheque_provider(user, cheque)


def _fund_officer(cheque, user) -> bool:
    return can_cancel_cheques(user, cheque)


class ChequeQuerySet(models.QuerySet):
    def of_provider(self, provider):
        return self.filter(provider=provider)

    def expiring_before(self, moment):
        return self.filter(state=ChequeState.ISSUED, valid_until__lt=moment)


class Cheque(ConcurrentTransitionMixin, models.Model):
    plan_course = models.OneToOneField(
        "funding.PlanCourse", on_delete=models.PROTECT, related_name="cheque"
    )
    plan = models.ForeignKey(
        "funding.TrainingPlan", on_delete=models.PROTECT, related_name="cheques"
    )
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="cheques"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    code_last4 = models.CharField(max_length=4)
    # The code is derived from this seed with the cheque-code key (codes.from_seed), so the
    # letter can be downloaded again without changing the code. Empty for cheques issued
    # before: their letter needs a new code first.
    # (Nullable so that SQLite adds the column in place: a table rebuild trips the triggers.)
    code_seed = models.CharField(max_length=32, null=True, blank=True)
    amount_cents = models.PositiveIntegerField()
    state = FSMField(default=ChequeState.ISSUED, choices=ChequeState.choices, protected=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    valid_until = models.DateTimeField()
    booked_at = models.DateTimeField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    attendance_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    drop_out_reason = models.TextField(blank=True)
    certificate = models.FileField(upload_to="certificates/%Y/%m/", blank=True)

    objects = ChequeQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("training cheque")
        verbose_name_plural = _("training cheques")
        indexes = [
            models.Index(fields=["provider", "state"], name="cheque_provider_state"),
            models.Index(fields=["state", "valid_until"], name="cheque_expiry"),
            models.Index(fields=["issued_at"], name="cheque_issued_at"),  # rush signals
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_percent__isnull=True) | Q(attendance_percent__lte=100),
                name="cheque_attendance_is_percentage",
            ),
            # Each state carries the moments that led to it. (Reasons are not required here:
            # anonymisation clears them.) The cheque's plan is its plan course's plan: a
            # trigger in migration 0009 checks that, as a check constraint cannot look at
            # another table.
            models.CheckConstraint(
                condition=~Q(state__in=BOOKED_STATES) | Q(booked_at__isnull=False),
                name="cheque_booked_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[ChequeState.STARTED, ChequeState.COMPLETED])
                | Q(started_at__isnull=False, start_date__isnull=False),
                name="cheque_started_has_dates",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[ChequeState.COMPLETED, ChequeState.DROPPED_OUT])
                | Q(finished_at__isnull=False),
                name="cheque_finished_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=ChequeState.COMPLETED) | Q(attendance_percent__isnull=False),
                name="cheque_completed_has_attendance",
            ),
        ]

    def __str__(self):
        return f"…{self.code_last4}"

    # Each transition stamps the moment its state stands for (the database requires it).
    @logged_transition(ChequeState.ISSUED, ChequeState.BOOKED, permission=system_only)
    def book(self, by=None, description=None):
        self.booked_at = timezone.now()

    @logged_transition(ChequeState.BOOKED, ChequeState.STARTED, permission=_provider)
    def start(self, by=None, description=None):
        self.started_at = timezone.now()
        self.start_date = self.start_date or timezone.localdate()

    @logged_transition(
        ChequeState.STARTED,
        ChequeState.COMPLETED,
        conditions=[has_attendance, not_on_the_start_date],
        permission=_provider,
    )
    def complete(self, by=None, description=None):
        self.finished_at = timezone.now()

    @logged_transition(
        [ChequeState.BOOKED, ChequeState.STARTED], ChequeState.DROPPED_OUT, permission=_provider
    )
    def drop_out(self, by=None, description=None):
        self.finished_at = timezone.now()

    @logged_transition(ChequeState.ISSUED, ChequeState.EXPIRED, permission=system_only)
    def expire(self, by=None, description=None):
        pass

    @logged_transition(
        [ChequeState.ISSUED, ChequeState.BOOKED], ChequeState.CANCELLED, permission=_fund_officer
    )
    def cancel(self, by=None, description=None):
        pass  # who, when and why are in the transition log; funding/cancellation.py releases


class RedemptionAttempt(models.Model):
    """Every redemption try by a provider, for rate limiting and the lock after wrong codes."""

    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    succeeded = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["provider", "created_at"], name="redemption_window")]

    def __str__(self):
        return f"{self.provider} {format_moment(self.created_at)}"
