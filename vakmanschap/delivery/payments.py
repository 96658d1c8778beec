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

from vakmanschap.funding.models import RecognisedProvider

from .deadlines import add_working_days
from .invoicing import pay_invoice
from .models import Invoice, InvoiceState, PaymentBatch
from .services import DeliveryError


def validate_iban(value: str) -> str:
    """The IBAN in its compact form; ValidationError with a clear message otherwise."""
    try:
        return IBAN(value or "").compact
    except (SchwiftyException, ValueError) as error:
        raise ValidationError(
            _("This is not a valid IBAN (check the country code, length and check digits)."),
            code="invalid_iban",
        ) from error


def set_provider_iban(provider, iban: str) -> RecognisedProvider:
    recognition = RecognisedProvider.objects.get(provider=provider)
    recognition.iban = validate_iban(iban)
    recognition.save(update_fields=["iban"])
    return recognition


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
