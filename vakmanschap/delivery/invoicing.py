"""Invoices per cheque: submitted (provider) → checked (fund officer) → approved (finance
officer, not the checker) → paid (in a payment batch) | rejected (with a reason).

Rules:
- A cheque is invoiced once its course has started; all open invoices together never exceed
  what the ledger holds for the cheque (reserved + committed).
- The final invoice (once the course has ended) needs the completion evidence: a completed
  cheque with its certificate, or a recorded drop-out.
- Attendance below the scheme's threshold, without a reason the fund officer accepted, limits
  what the final invoice pays: pro rata (all invoiced money × attendance %), or in full with a
  recovery (terugvordering) of the difference, as `scheme.low_attendance_policy` says.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from vakmanschap.core import coded
from vakmanschap.core.presentation import format_euros
from vakmanschap.funding import cheque_account
from vakmanschap.funding.models import Cheque, ChequeState, LowAttendancePolicy

from . import texts
from .models import Invoice, InvoiceState, Recovery
from .services import DeliveryError, delivery_of

INVOICEABLE_STATES = (ChequeState.STARTED, ChequeState.COMPLETED, ChequeState.DROPPED_OUT)


def held_cents(cheque) -> int:
    """What the ledger holds for this cheque: reserved + committed."""
    return cheque_account.held_cents(cheque)


def invoiceable_cents(cheque, exclude=None) -> int:
    """What may still be invoiced: held money minus open (not yet paid) invoices."""
    open_invoices = Invoice.objects.open().filter(cheque=cheque)
    if exclude is not None:
        open_invoices = open_invoices.exclude(pk=exclude.pk)
    pending = open_invoices.aggregate(s=Sum("amount_cents"))["s"] or 0
    return held_cents(cheque) - pending


def _course_ended(cheque) -> bool:
    return cheque.state in (ChequeState.COMPLETED, ChequeState.DROPPED_OUT)


def has_completion_evidence(cheque) -> bool:
    if cheque.state == ChequeState.COMPLETED:
        return bool(cheque.certificate)
    return cheque.state == ChequeState.DROPPED_OUT


@transaction.atomic
def submit_invoice(cheque, *, by, number: str, amount_cents: int, is_final=False) -> Invoice:
    number = (number or "").strip()
    if not number:
        raise DeliveryError(_("Enter your invoice number."), "number", 400)
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        raise DeliveryError(_("Enter an amount of more than zero."), "amount", 400)
    cheque = (
        Cheque.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=getattr(cheque, "pk", cheque))
    )
    if cheque.state not in INVOICEABLE_STATES or not cheque.started_at:
        raise DeliveryError(_("A cheque can be invoiced once its course has started."))
    if _course_ended(cheque):
        is_final = True  # after the end, the invoice closes the cheque
    if is_final and not has_completion_evidence(cheque):
        raise DeliveryError(
            _("A final invoice needs the completion recorded with the certificate."), "is_final"
        )
    if (
        is_final
        and Invoice.objects.filter(cheque=cheque, is_final=True)
        .exclude(state=InvoiceState.REJECTED)
        .exists()
    ):
        raise DeliveryError(_("This cheque already has a final invoice."), "is_final")
    room = invoiceable_cents(cheque)
    if amount_cents > room:
        raise DeliveryError(
            _("The amount is more than is left on this cheque (at most %(max)s).")
            % {"max": format_euros(max(room, 0))},
            "amount",
            400,
        )
    if Invoice.objects.filter(provider_id=cheque.provider_id, number=number).exists():
        raise DeliveryError(_("You have already sent an invoice with this number."), "number")
    try:
        with transaction.atomic():
            return Invoice.objects.create(
                cheque=cheque,
                provider_id=cheque.provider_id,
                number=number,
                amount_cents=amount_cents,
                is_final=is_final,
                submitted_by=by,
            )
    except IntegrityError as error:  # a double submit racing this one
        raise DeliveryError(
            _("You have already sent an invoice with this number."), "number"
        ) from error


def _locked(invoice) -> Invoice:
    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("cheque__plan__scheme")
        .get(pk=getattr(invoice, "pk", invoice))
    )


def low_attendance(cheque) -> bool:
    """Attendance below the scheme's threshold without a reason the fund accepted."""
    if cheque.attendance_percent is None:
        return False
    if cheque.attendance_percent >= cheque.plan.scheme.attendance_threshold:
        return False
    return delivery_of(cheque).attendance_reason_accepted_at is None


@dataclass(frozen=True)
class Settlement:
    payable: int  # paid for this invoice
    recovery: int  # to be paid back by the provider after this payment


def settlement(invoice) -> Settlement:
    cheque = invoice.cheque
    if not invoice.is_final or not low_attendance(cheque):
        return Settlement(invoice.amount_cents, 0)
    earlier = Invoice.objects.filter(cheque=cheque, state=InvoiceState.PAID).exclude(pk=invoice.pk)
    sums = earlier.aggregate(amount=Sum("amount_cents"), paid=Sum("payable_cents"))
    earlier_amount, earlier_paid = sums["amount"] or 0, sums["paid"] or 0
    entitled = (earlier_amount + invoice.amount_cents) * cheque.attendance_percent // 100
    if cheque.plan.scheme.low_attendance_policy == LowAttendancePolicy.PRO_RATA:
        payable = max(entitled - earlier_paid, 0)
        return Settlement(payable, max(earlier_paid - entitled, 0))
    return Settlement(invoice.amount_cents, earlier_paid + invoice.amount_cents - entitled)


@transaction.atomic
def check_invoice(invoice, *, by, accept_attendance_reason: bool = False) -> Invoice:
    """The fund officer checked the invoice against the delivery; may accept the provider's
    reason for low attendance (then the full amount is paid)."""
    invoice = _locked(invoice)
    if invoice.state != InvoiceState.SUBMITTED:
        raise DeliveryError(_("Only a submitted invoice can be checked."))
    if accept_attendance_reason:
        delivery = delivery_of(invoice.cheque)
        if not delivery.attendance_reason:
            raise DeliveryError(
                _("The provider gave no reason for the low attendance."), "accept_reason", 400
            )
        delivery.attendance_reason_accepted_at, delivery.attendance_reason_accepted_by = (
            timezone.now(),
            by,
        )
        delivery.save()
    invoice.to_checked(by=by)
    invoice.save()
    return invoice


@transaction.atomic
def approve_invoice(invoice, *, by) -> Invoice:
    """Finance approves (four eyes: not the checker). Fixes what will be paid."""
    invoice = _locked(invoice)
    if invoice.state != InvoiceState.CHECKED:
        raise DeliveryError(_("Only a checked invoice can be approved."))
    if by.pk == invoice.checked_by_id:
        raise DeliveryError(_("The person who checked an invoice may not also approve it."))
    if invoice.is_final and not has_completion_evidence(invoice.cheque):
        raise DeliveryError(_("The final payment needs the completion evidence."))
    if invoice.amount_cents > invoiceable_cents(invoice.cheque, exclude=invoice):
        raise DeliveryError(_("The amount is more than is left on this cheque."))
    invoice.payable_cents = settlement(invoice).payable
    invoice.to_approved(by=by)
    invoice.save()
    return invoice


@transaction.atomic
def reject_invoice(invoice, *, by, reason: str) -> Invoice:
    reason = (reason or "").strip()
    if not reason:
        raise DeliveryError(_("Give the reason for rejecting the invoice."), "reason", 400)
    invoice = _locked(invoice)
    if invoice.state not in (InvoiceState.SUBMITTED, InvoiceState.CHECKED, InvoiceState.APPROVED):
        raise DeliveryError(_("This invoice can no longer be rejected."))
    if invoice.batch_id is not None:
        raise DeliveryError(_("This invoice is in a payment batch and can no longer be rejected."))
    invoice.rejection_reason = reason
    invoice.to_rejected(by=by, description=reason)
    invoice.save()
    return invoice


def pay_invoice(invoice, *, by) -> Invoice:
    """Book the payment (called by `payments.mark_batch_paid`, inside its transaction).

    Ledger: "pay" the payable amount from the cheque's commitment (committing reserved money
    first if needed). A final invoice then gives back what the cheque still holds: reserved
    money is released and unpaid committed money is decommitted, so it is available again.
    A recovery is opened when the attendance rule says so."""
    invoice = _locked(invoice)
    if invoice.state != InvoiceState.APPROVED:
        raise DeliveryError(_("Only an approved invoice can be paid."))
    cheque = invoice.cheque
    payable = invoice.payable_cents or 0
    recovery = settlement(invoice).recovery
    cheque_account.pay(
        cheque, payable, by=by, invoice_number=invoice.number, final=invoice.is_final
    )
    if recovery > 0:
        Recovery.objects.create(
            cheque=cheque,
            invoice=invoice,
            amount_cents=recovery,
            reason=coded.encode(
                texts.RECOVERY_LOW_ATTENDANCE,
                percent=cheque.attendance_percent,
                minimum=cheque.plan.scheme.attendance_threshold,
            ),
        )
    invoice.to_paid(by=by)
    invoice.save()
    return invoice


@transaction.atomic
def record_recovery_received(recovery, *, by) -> Recovery:
    """The provider paid the money back: ledger "recover" (idempotent)."""
    recovery = (
        Recovery.objects.select_for_update(of=("self",))
        .select_related("cheque__plan")
        .get(pk=recovery.pk)
    )
    if recovery.received_at is not None:
        return recovery
    cheque_account.recover(recovery.cheque, recovery.amount_cents, by=by)
    recovery.received_at, recovery.received_by = timezone.now(), by
    recovery.save()
    return recovery
