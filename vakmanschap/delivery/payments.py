"""Payment batches: approved invoices paid by one SEPA credit transfer (pain.001.001.03).

Debtor: the fund's account (settings FUND_NAME, FUND_IBAN, FUND_BIC). Creditor: the
provider's IBAN from its recognition (`RecognisedProvider.iban`), validated with schwifty.
Marking a batch paid pays every invoice in one transaction and is idempotent.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from sepaxml import SepaTransfer

from vakmanschap.audit.services import record_event
from vakmanschap.funding.models import RecognisedProvider

from .deadlines import add_working_days
from .invoicing import pay_invoice
from .models import IbanChange, IbanChangeStatus, Invoice, InvoiceState, PaymentBatch
from .services import DeliveryError

IBAN_PROPOSED = "iban_change_proposed"
IBAN_APPROVED = "iban_change_approved"
IBAN_REJECTED = "iban_change_rejected"


def validate_iban(value: str) -> str:
    """The IBAN in its compact form; ValidationError with a clear message otherwise."""
    try:
        return IBAN(value or "").compact
    except (SchwiftyException, ValueError) as error:
        raise ValidationError(
            _("This is not a valid IBAN (check the country code, length and check digits)."),
            code="invalid_iban",
        ) from error


@transaction.atomic
def propose_iban(provider, iban: str, *, by) -> IbanChange:
    """A new bank account waits for a second person; until then batches pay nobody's money to
    it (and refuse this provider's invoices, so nothing goes to the old account by mistake)."""
    recognition = RecognisedProvider.objects.select_for_update().get(provider=provider)
    compact = validate_iban(iban)
    if recognition.iban_changes.filter(status=IbanChangeStatus.PENDING).exists():
        raise ValidationError(
            {"iban": _("A change of this bank account is already waiting for approval.")}
        )
    if compact == recognition.iban:
        raise ValidationError({"iban": _("This is already the provider's bank account.")})
    change = IbanChange.objects.create(
        recognition=recognition, iban=compact, previous_iban=recognition.iban, requested_by=by
    )
    record_event(IBAN_PROPOSED, actor=by, obj=recognition, iban=compact)
    return change


@transaction.atomic
def decide_iban_change(change: IbanChange, *, by, approve: bool) -> IbanChange:
    """Four eyes: someone other than the proposer approves (the account is used) or rejects."""
    change = IbanChange.objects.select_for_update().get(pk=change.pk)
    if change.status != IbanChangeStatus.PENDING:
        raise ValidationError(_("This change has already been decided."))
    if change.requested_by_id == by.pk:
        raise ValidationError(
            _("You proposed this bank account; another finance officer must approve it.")
        )
    change.status = IbanChangeStatus.APPROVED if approve else IbanChangeStatus.REJECTED
    change.decided_by, change.decided_at = by, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        RecognisedProvider.objects.filter(pk=change.recognition_id).update(iban=change.iban)
    record_event(
        IBAN_APPROVED if approve else IBAN_REJECTED,
        actor=by,
        obj=change.recognition,
        iban=change.iban,
    )
    return change


def default_execution_date(today=None) -> datetime.date:
    return add_working_days(today or timezone.localdate(), 1)


@transaction.atomic
def create_batch(*, by, execution_date=None, invoices=None) -> PaymentBatch:
    """A batch of approved invoices not yet in a batch (all, or those given)."""
    execution_date = execution_date or default_execution_date()
    if execution_date < timezone.localdate():
        raise DeliveryError(_("The execution date cannot be in the past."), "execution_date", 400)
    chosen = Invoice.objects.select_for_update(of=("self",)).filter(
        state=InvoiceState.APPROVED, batch__isnull=True
    )
    if invoices is not None:
        chosen = chosen.filter(pk__in=[getattr(i, "pk", i) for i in invoices])
    chosen = list(chosen.select_related("provider__recognition"))
    if not chosen:
        raise DeliveryError(_("There are no approved invoices to pay."))
    bad = sorted(
        {
            invoice.provider.name
            for invoice in chosen
            if invoice.payable_cents and not _valid(_recognised_iban(invoice.provider))
        }
    )
    if bad:
        raise DeliveryError(
            _("No valid IBAN for: %(p)s. Correct the bank account first.") % {"p": ", ".join(bad)}
        )
    pending = set(
        IbanChange.objects.filter(
            status=IbanChangeStatus.PENDING,
            recognition__provider__in={invoice.provider_id for invoice in chosen},
        ).values_list("recognition__provider_id", flat=True)
    )
    waiting = sorted({i.provider.name for i in chosen if i.provider_id in pending})
    if waiting:
        raise DeliveryError(
            _(
                "The bank account of %(p)s has a change waiting for a second approval. Decide "
                "it first."
            )
            % {"p": ", ".join(waiting)}
        )
    batch = PaymentBatch.objects.create(created_by=by, execution_date=execution_date)
    Invoice.objects.filter(pk__in=[i.pk for i in chosen]).update(batch=batch)
    return batch


def _recognised_iban(provider) -> str:
    try:
        return provider.recognition.iban
    except RecognisedProvider.DoesNotExist:
        return ""


def _valid(iban: str) -> bool:
    try:
        validate_iban(iban)
    except ValidationError:
        return False
    return True


def batch_total(batch) -> int:
    return sum(i.payable_cents or 0 for i in batch.invoices.all())


def sepa_xml(batch) -> bytes:
    """The batch as a pain.001.001.03 credit transfer, validated against its XSD."""
    fund_iban = IBAN(settings.FUND_IBAN)
    config = {
        "name": settings.FUND_NAME,
        "IBAN": fund_iban.compact,
        "BIC": settings.FUND_BIC or str(fund_iban.bic or ""),
        "batch": True,
        "currency": "EUR",
    }
    sepa = SepaTransfer(config, clean=True)
    sepa.msg_id = batch.message_id  # stable id: the bank refuses a file it has seen
    invoices = batch.invoices.select_related("provider__recognition", "cheque").order_by("pk")
    for invoice in invoices:
        if not invoice.payable_cents:
            continue  # nothing to transfer (e.g. pro rata at 0 % attendance)
        iban = IBAN(_recognised_iban(invoice.provider))
        payment = {
            "name": invoice.provider.name,
            "IBAN": iban.compact,
            "amount": invoice.payable_cents,
            "execution_date": batch.execution_date,
            "description": f"Vakmanschap factuur {invoice.number} cheque {invoice.cheque_id}",
            "endtoend_id": f"VAKM-INV-{invoice.pk}",
        }
        if iban.bic:
            payment["BIC"] = str(iban.bic)
        sepa.add_payment(payment)
    return sepa.export(validate=True)


@transaction.atomic
def mark_batch_paid(batch, *, by) -> bool:
    """Pay every invoice of the batch (ledger "pay" and, for final invoices, release and
    recovery). True when paid now; False when it was paid already (nothing changes)."""
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.paid_at is not None:
        return False
    for invoice in batch.invoices.order_by("pk"):
        pay_invoice(invoice, by=by)
    batch.paid_at, batch.paid_by = timezone.now(), by
    batch.save()
    return True
