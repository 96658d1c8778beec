import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from vakmanschap.delivery import payments
from vakmanschap.delivery.models import (
    IbanChange,
    IbanChangeStatus,
    Invoice,
    InvoiceState,
    PaymentBatch,
)
from vakmanschap.delivery.services import DeliveryError
from vakmanschap.funding.models import RecognisedProvider

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


def _two_provider_batch(world):
    a = world.approved_invoice(world.completed(), amount=150_000)
    b = world.approved_invoice(world.completed(world.other_provider), amount=50_000)
    return payments.create_batch(by=world.finance), a, b


def test_sepa_xml_is_valid_and_matches_the_invoices(world, settings):
    batch, a, b = _two_provider_batch(world)
    xml = payments.sepa_xml(batch)  # validated against the pain.001.001.03 XSD
    root = ET.fromstring(xml)
    assert root.tag == f"{{{NS['p']}}}Document"
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert header.find("p:NbOfTxs", NS).text == "2"
    assert Decimal(header.find("p:CtrlSum", NS).text) == Decimal("2000.00")
    debtor_iban = root.find(".//p:DbtrAcct/p:Id/p:IBAN", NS).text
    assert debtor_iban == settings.FUND_IBAN
    transfers = {
        tx.find("p:PmtId/p:EndToEndId", NS).text: (
            Decimal(tx.find("p:Amt/p:InstdAmt", NS).text),
            tx.find("p:CdtrAcct/p:Id/p:IBAN", NS).text,
        )
        for tx in root.iter(f"{{{NS['p']}}}CdtTrfTxInf")
    }
    assert transfers == {
        f"VAKM-INV-{a.pk}": (Decimal("1500.00"), "NL91ABNA0417164300"),
        f"VAKM-INV-{b.pk}": (Decimal("500.00"), "NL20INGB0001234567"),
    }


def test_batch_is_paid_once(world):
    batch, a, b = _two_provider_batch(world)
    before = world.balances()
    assert payments.mark_batch_paid(batch, by=world.finance) is True
    after_first = world.balances()
    assert after_first.paid - before.paid == 200_000
    assert payments.mark_batch_paid(batch, by=world.finance) is False
    assert world.balances() == after_first
    assert set(Invoice.objects.values_list("state", flat=True)) == {InvoiceState.PAID}


def test_paid_invoices_never_join_another_batch(world):
    batch, _a, _b = _two_provider_batch(world)
    payments.mark_batch_paid(batch, by=world.finance)
    with pytest.raises(DeliveryError):
        payments.create_batch(by=world.finance)
    assert PaymentBatch.objects.count() == 1


def test_payment_is_all_or_nothing(world, monkeypatch):
    batch, a, b = _two_provider_batch(world)
    before = world.balances()
    from vakmanschap.delivery import invoicing

    real = invoicing.pay_invoice
    calls = []

    def fail_second(invoice, *, by):
        calls.append(invoice.pk)
        if len(calls) == 2:
            raise RuntimeError("bank down")
        return real(invoice, by=by)

    monkeypatch.setattr(payments, "pay_invoice", fail_second)
    with pytest.raises(RuntimeError):
        payments.mark_batch_paid(batch, by=world.finance)
    assert world.balances() == before
    assert set(Invoice.objects.values_list("state", flat=True)) == {InvoiceState.APPROVED}
    assert PaymentBatch.objects.get().paid_at is None


@pytest.mark.parametrize("iban", ["NL91ABNA0417164301", "XX00", "", "NL91 ABNA 0417 1643"])
def test_invalid_iban_is_refused(iban):
    with pytest.raises(ValidationError):
        payments.validate_iban(iban)


def test_spaces_and_lower_case_are_accepted():
    assert payments.validate_iban("nl91 abna 0417 1643 00") == "NL91ABNA0417164300"


def test_batch_refuses_a_provider_without_a_valid_iban(world):
    world.approved_invoice(world.completed())
    RecognisedProvider.objects.filter(provider=world.provider).update(iban="NL00BANK0000000000")
    with pytest.raises(DeliveryError) as error:
        payments.create_batch(by=world.finance)
    assert world.provider.name in error.value.message
    assert not PaymentBatch.objects.exists()
    assert Invoice.objects.get().batch_id is None


def test_iban_form_gives_a_field_error(client, world):
    client.force_login(world.finance)
    recognition = RecognisedProvider.objects.get(provider=world.provider)
    url = reverse("delivery:provider_iban", args=[recognition.pk])
    response = client.post(url, {"iban": "NL91ABNA0417164301"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert RecognisedProvider.objects.get(pk=recognition.pk).iban == "NL91ABNA0417164300"
    response = client.post(url, {"iban": "NL20 INGB 0001 2345 67"})
    assert response.status_code == 302
    # Proposed, not used yet: a second finance officer approves first.
    assert RecognisedProvider.objects.get(pk=recognition.pk).iban == "NL91ABNA0417164300"
    change = IbanChange.objects.get()
    assert change.iban == "NL20INGB0001234567" and change.status == IbanChangeStatus.PENDING
    decide = reverse("delivery:decide_iban_change", args=[change.pk])
    client.post(decide, {"decision": "approve"})  # the proposer cannot approve
    assert RecognisedProvider.objects.get(pk=recognition.pk).iban == "NL91ABNA0417164300"
    client.force_login(world.finance2)
    client.post(decide, {"decision": "approve"})
    assert RecognisedProvider.objects.get(pk=recognition.pk).iban == "NL20INGB0001234567"
    change.refresh_from_db()
    assert change.status == IbanChangeStatus.APPROVED and change.decided_by == world.finance2


def test_a_batch_refuses_a_provider_whose_new_iban_is_not_approved(world):
    world.approved_invoice(world.completed())
    change = payments.propose_iban(world.provider, "NL20INGB0001234567", by=world.finance)
    with pytest.raises(DeliveryError) as error:
        payments.create_batch(by=world.finance)
    assert world.provider.name in error.value.message
    assert not PaymentBatch.objects.exists()
    with pytest.raises(ValidationError):
        payments.decide_iban_change(change, by=world.finance, approve=True)
    payments.decide_iban_change(change, by=world.finance2, approve=True)
    batch = payments.create_batch(by=world.finance)
    assert b"NL20INGB0001234567" in payments.sepa_xml(batch)


def test_the_database_refuses_an_iban_change_approved_by_its_proposer(world):
    from django.db import IntegrityError, transaction

    change = payments.propose_iban(world.provider, "NL20INGB0001234567", by=world.finance)
    change.decided_by = world.finance
    with pytest.raises(IntegrityError), transaction.atomic():
        change.save()


def test_finance_pages_make_download_and_pay_a_batch(client, world):
    world.approved_invoice(world.completed())
    client.force_login(world.finance)
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("delivery:batches"), {"execution_date": next_week.isoformat()}, follow=True
    )
    assert response.status_code == 200
    batch = PaymentBatch.objects.get()
    xml = client.get(reverse("delivery:batch_xml", args=[batch.pk]))
    assert xml["Content-Type"] == "application/xml" and b"CstmrCdtTrfInitn" in xml.content
    client.post(reverse("delivery:batch_paid", args=[batch.pk]))
    client.post(reverse("delivery:batch_paid", args=[batch.pk]))  # double submit
    assert world.balances().paid == 200_000


def test_the_admin_cannot_change_a_providers_iban_around_the_four_eyes(client, world):
    from tests.factories import user_with_role
    from vakmanschap.accounts.roles import Role

    recognition = RecognisedProvider.objects.get(provider=world.provider)
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    url = reverse("admin:funding_recognisedprovider_change", args=[recognition.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="iban"' not in page.content.decode()
    client.post(
        url,
        {
            "provider": world.provider.pk,
            "recognised_since": recognition.recognised_since.isoformat(),
            "iban": "NL20INGB0001234567",
        },
    )
    assert RecognisedProvider.objects.get(pk=recognition.pk).iban == "NL91ABNA0417164300"
