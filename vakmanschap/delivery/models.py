"""Delivery of a training cheque by its provider, invoices and payments.

The cheque's own state machine lives in funding; this app keeps what the provider reports on
top of it (booking confirmation, planned end, attendance reason) and the money side after the
start: invoices (a logged state machine with four eyes), payment batches and recoveries.
All amounts are integer euro cents.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from vakmanschap.core.fsm import logged_transition, system_only
from vakmanschap.core.presentation import format_euros

from .permissions import can_check_invoices, can_manage_payments


class ChequeDelivery(models.Model):
    """What the provider reported about one cheque beyond its state."""

    cheque = models.OneToOneField(
        "funding.Cheque", on_delete=models.PROTECT, related_name="delivery"
    )
    booking_confirmed_at = models.DateTimeField(null=True, blank=True)
    booking_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # start date + the course's duration; a completion is due by then.
    planned_end = models.DateField(null=True, blank=True)
    attendance_reason = models.TextField(_("reason for low attendance"), blank=True)
    attendance_reason_accepted_at = models.DateTimeField(null=True, blank=True)
    attendance_reason_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    certificate_uploaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("cheque delivery")
        verbose_name_plural = _("cheque deliveries")
        indexes = [models.Index(fields=["planned_end"], name="delivery_planned_end")]

    def __str__(self):
        return f"delivery of {self.cheque_id}"

    @property
    def booking_confirmed(self) -> bool:
        return self.booking_confirmed_at is not None


class InvoiceState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CHECKED = "checked", _("Checked")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


OPEN_INVOICE_STATES = [InvoiceState.SUBMITTED, InvoiceState.CHECKED, InvoiceState.APPROVED]


class PaymentBatch(models.Model):
    """Approved invoices paid together by one SEPA credit transfer file."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    execution_date = models.DateField(_("execution date"))
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")

    def __str__(self):
        return f"batch {self.pk}"

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def message_id(self) -> str:
        return f"VAKMANSCHAP-BATCH-{self.pk}"


class InvoiceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_INVOICE_STATES)

    def of_provider(self, provider_ids):
        return self.filter(provider_id__in=provider_ids)


def has_payable(invoice) -> bool:
    return invoice.payable_cents is not None


def in_a_batch(invoice) -> bool:
    return invoice.batch_id is not None


def not_in_a_batch(invoice) -> bool:
    return invoice.batch_id is None


# Who may take an invoice transition (django-fsm passes the invoice and the user).
def _checker(invoice, user) -> bool:
    return can_check_invoices(user, invoice)


def _approver(invoice, user) -> bool:
    # Four eyes: finance, and not the person who checked it.
    return can_manage_payments(user, invoice) and invoice.checked_by_id != user.pk


def _rejecter(invoice, user) -> bool:
    # Before the check the fund officer rejects; after it, finance.
    if invoice.state == InvoiceState.SUBMITTED:
        return can_check_invoices(user, invoice)
    return can_manage_payments(user, invoice)


class Invoice(ConcurrentTransitionMixin, models.Model):
    cheque = models.ForeignKey(
        "funding.Cheque",
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("cheque"),
    )
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("invoice number"), max_length=35)
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    is_final = models.BooleanField(_("final invoice"), default=False)
    # What the fund pays for this invoice, fixed at approval (attendance rule applied).
    payable_cents = models.PositiveIntegerField(null=True, blank=True)
    state = FSMField(default=InvoiceState.SUBMITTED, choices=InvoiceState.choices, protected=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    batch = models.ForeignKey(
        PaymentBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    paid_at = models.DateTimeField(null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        indexes = [
            models.Index(fields=["state", "submitted_at"], name="invoice_queue"),
            models.Index(fields=["provider", "state"], name="invoice_provider_state"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="invoice_amount_positive"),
            models.UniqueConstraint(fields=["provider", "number"], name="invoice_number_once"),
            models.UniqueConstraint(
                fields=["cheque"],
                condition=Q(is_final=True) & ~Q(state="rejected"),
                name="invoice_one_final_per_cheque",
            ),
            # Four eyes, also in the database: the approver is not the checker.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("checked_by")),
                name="invoice_four_eyes",
            ),
            models.CheckConstraint(
                condition=Q(payable_cents__isnull=True) | Q(payable_cents__lte=F("amount_cents")),
                name="invoice_payable_within_amount",
            ),
            # Each state carries who moved it there and when.
            models.CheckConstraint(
                condition=~Q(
                    state__in=[InvoiceState.CHECKED, InvoiceState.APPROVED, InvoiceState.PAID]
                )
                | Q(checked_by__isnull=False, checked_at__isnull=False),
                name="invoice_checked_has_checker",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[InvoiceState.APPROVED, InvoiceState.PAID])
                | Q(
                    approved_by__isnull=False,
                    approved_at__isnull=False,
                    payable_cents__isnull=False,
                ),
                name="invoice_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(state=InvoiceState.PAID)
                | Q(paid_at__isnull=False, batch__isnull=False),
                name="invoice_paid_has_batch_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=InvoiceState.REJECTED) | ~Q(rejection_reason=""),
                name="invoice_rejected_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.amount_cents})"

    @property
    def amount_euros(self) -> str:
        return format_euros(self.amount_cents)

    @property
    def payable_euros(self) -> str:
        return format_euros(self.payable_cents)

    # Each transition records who moved the invoice and when (the database requires it), and
    # says who may take it (views offer what `core.fsm.available_actions` answers).
    @logged_transition(InvoiceState.SUBMITTED, InvoiceState.CHECKED, permission=_checker)
    def to_checked(self, by=None, description=None):
        self.checked_by, self.checked_at = by, timezone.now()

    @logged_transition(
        InvoiceState.CHECKED, InvoiceState.APPROVED, conditions=[has_payable], permission=_approver
    )
    def to_approved(self, by=None, description=None):
        self.approved_by, self.approved_at = by, timezone.now()

    @logged_transition(
        InvoiceState.APPROVED, InvoiceState.PAID, conditions=[in_a_batch], permission=system_only
    )
    def to_paid(self, by=None, description=None):
        self.paid_at = timezone.now()

    @logged_transition(
        [InvoiceState.SUBMITTED, InvoiceState.CHECKED, InvoiceState.APPROVED],
        InvoiceState.REJECTED,
        conditions=[not_in_a_batch],
        permission=_rejecter,
    )
    def to_rejected(self, by=None, description=None):
        self.rejection_reason = (description or self.rejection_reason).strip()


class Recovery(models.Model):
    """A terugvordering: money paid for a cheque that the provider must pay back. The ledger
    gets its "recover" entry when the money has come back."""

    cheque = models.ForeignKey("funding.Cheque", on_delete=models.PROTECT, related_name="+")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="recoveries")
    amount_cents = models.PositiveIntegerField()
    reason = models.CharField(max_length=300)
    opened_at = models.DateTimeField(auto_now_add=True)
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["opened_at"]
        verbose_name = _("recovery")
        verbose_name_plural = _("recoveries")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="recovery_amount_positive"
            ),
        ]

    def __str__(self):
        return f"recovery {self.amount_cents} ({self.cheque_id})"

    @property
    def amount_euros(self) -> str:
        return format_euros(self.amount_cents)


class IbanChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a second approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class IbanChange(models.Model):
    """A provider's new bank account, proposed by one person and approved by another before any
    payment batch uses it (four eyes: a changed IBAN is the classic way to divert payments)."""

    recognition = models.ForeignKey(
        "funding.RecognisedProvider", on_delete=models.CASCADE, related_name="iban_changes"
    )
    iban = models.CharField(_("new IBAN"), max_length=34)
    previous_iban = models.CharField(_("previous IBAN"), max_length=34, blank=True)
    status = models.CharField(
        max_length=10, choices=IbanChangeStatus.choices, default=IbanChangeStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("bank account change")
        verbose_name_plural = _("bank account changes")
        constraints = [
            models.UniqueConstraint(
                fields=["recognition"],
                condition=Q(status="pending"),
                name="iban_change_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requested_by")),
                name="iban_change_four_eyes",
            ),
        ]

    def __str__(self):
        return f"{self.recognition}: {self.iban} ({self.status})"
