import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vakmanschap.delivery import invoicing, payments, services
from vakmanschap.delivery.models import Invoice, InvoiceState, Recovery
from vakmanschap.delivery.services import DeliveryError
from vakmanschap.funding.models import LowAttendancePolicy


def _submit(world, cheque, amount, number="F-1", is_final=False):
    return invoicing.submit_invoice(
        cheque, by=world.provider_user, number=number, amount_cents=amount, is_final=is_final
    )


def _pay(world, invoice):
    batch = payments.create_batch(by=world.finance, invoices=[invoice])
    assert payments.mark_batch_paid(batch, by=world.finance2)
    return Invoice.objects.get(pk=invoice.pk)


def test_a_cheque_is_invoiced_only_after_the_start(world):
    cheque = world.booked()
    with pytest.raises(DeliveryError):
        _submit(world, cheque, 1000)
    assert not Invoice.objects.exists()


def test_amount_may_not_exceed_what_is_held(world):
    cheque = world.started()
    with pytest.raises(DeliveryError) as error:
        _submit(world, cheque, cheque.amount_cents + 1)
    assert error.value.field == "amount" and "€ 2.000,00" in error.value.message
    _submit(world, cheque, 150_000, "F-1")
    # Open invoices count: only €500 is left.
    with pytest.raises(DeliveryError) as error:
        _submit(world, cheque, 50_001, "F-2")
    assert "€ 500,00" in error.value.message
    _submit(world, cheque, 50_000, "F-2")
    assert Invoice.objects.count() == 2


def test_invoice_numbers_are_unique_per_provider(world):
    cheque = world.started()
    _submit(world, cheque, 1000, "F-1")
    with pytest.raises(DeliveryError) as error:
        _submit(world, cheque, 1000, "F-1")
    assert error.value.field == "number"
    assert Invoice.objects.count() == 1


def test_final_invoice_needs_completion_evidence(world):
    cheque = world.started()
    with pytest.raises(DeliveryError) as error:
        _submit(world, cheque, 1000, is_final=True)
    assert error.value.field == "is_final"
    services.complete(cheque, by=world.provider_user, certificate=_pdf(), percent=100)
    invoice = _submit(world, cheque, cheque.amount_cents, "F-2")
    assert invoice.is_final  # after the completion every invoice is the final one


def _pdf():
    from tests.delivery.conftest import pdf

    return pdf()


def test_four_eyes_checker_cannot_approve(world):
    from tests.factories import MembershipFactory
    from vakmanschap.accounts.roles import Role

    cheque = world.completed()
    invoice = _submit(world, cheque, cheque.amount_cents)
    # One person with both roles checks and then tries to approve.
    both = world.finance
    MembershipFactory(
        user=both,
        role=Role.FUND_OFFICER,
        organisation=both.memberships.first().organisation,
    )
    invoicing.check_invoice(invoice, by=both)
    with pytest.raises(DeliveryError):
        invoicing.approve_invoice(invoice, by=both)
    assert Invoice.objects.get(pk=invoice.pk).state == InvoiceState.CHECKED
    invoicing.approve_invoice(invoice, by=world.finance2)
    assert Invoice.objects.get(pk=invoice.pk).state == InvoiceState.APPROVED


def test_states_must_follow_the_order(world):
    cheque = world.completed()
    invoice = _submit(world, cheque, cheque.amount_cents)
    with pytest.raises(DeliveryError):
        invoicing.approve_invoice(invoice, by=world.finance)
    with pytest.raises(DeliveryError):
        invoicing.reject_invoice(invoice, by=world.fund_officer, reason="")
    invoicing.reject_invoice(invoice, by=world.fund_officer, reason="Dubbel")
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.state == InvoiceState.REJECTED and invoice.rejection_reason == "Dubbel"
    # A rejected final invoice frees the way for a corrected one.
    _submit(world, cheque, cheque.amount_cents, "F-2")


def test_full_payment_ledger_after_each_step(world):
    cheque = world.booked()
    amount = cheque.amount_cents
    start = world.balances()
    assert (world.balances(cheque).reserved, world.balances(cheque).committed) == (amount, 0)
    world.issued_days_ago(cheque)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.confirm_booking(cheque, by=world.provider_user, start_date=yesterday)
    services.declare_start(cheque, by=world.provider_user)
    b = world.balances(cheque)
    assert (b.reserved, b.committed) == (0, amount)
    services.complete(cheque, by=world.provider_user, certificate=_pdf(), percent=100)
    invoice = world.approved_invoice(cheque)
    assert invoice.payable_cents == amount
    assert world.balances(cheque).committed == amount  # approval alone moves no money
    invoice = _pay(world, invoice)
    b = world.balances(cheque)
    assert (b.reserved, b.committed, b.paid, b.recovered) == (0, 0, amount, 0)
    assert world.balances().available == start.available
    assert invoice.state == InvoiceState.PAID


def _low_attendance_world(world, policy, percent=60, accepted=False, reason=""):
    world.scheme.low_attendance_policy = policy
    world.scheme.save()
    cheque = world.completed(percent=percent, reason=reason)
    invoice = _submit(world, cheque, cheque.amount_cents)
    invoicing.check_invoice(invoice, by=world.fund_officer, accept_attendance_reason=accepted)
    return cheque, invoicing.approve_invoice(invoice, by=world.finance)


def test_low_attendance_pro_rata(world):
    cheque, invoice = _low_attendance_world(world, LowAttendancePolicy.PRO_RATA, percent=60)
    assert invoice.payable_cents == cheque.amount_cents * 60 // 100
    _pay(world, invoice)
    b = world.balances(cheque)
    assert b.paid == 120_000 and b.recovered == 0 and not Recovery.objects.exists()
    # The unpaid 40 % goes back to the budget when the final invoice is paid.
    assert b.committed == 0 and b.reserved == 0


def test_low_attendance_recovery(world):
    cheque, invoice = _low_attendance_world(world, LowAttendancePolicy.RECOVERY, percent=60)
    assert invoice.payable_cents == cheque.amount_cents
    _pay(world, invoice)
    recovery = Recovery.objects.get()
    assert recovery.amount_cents == 80_000 and recovery.received_at is None
    b = world.balances(cheque)
    assert (b.paid, b.recovered, b.committed) == (200_000, 0, 0)
    invoicing.record_recovery_received(recovery, by=world.finance)
    invoicing.record_recovery_received(recovery, by=world.finance)  # idempotent
    b = world.balances(cheque)
    assert (b.paid, b.recovered) == (200_000, 80_000)


def test_accepted_reason_pays_in_full(world):
    cheque, invoice = _low_attendance_world(
        world, LowAttendancePolicy.PRO_RATA, percent=60, accepted=True, reason="Ziekenhuisopname"
    )
    assert invoice.payable_cents == cheque.amount_cents


def test_accepting_needs_a_reason_from_the_provider(world):
    cheque = world.completed(percent=50)
    invoice = _submit(world, cheque, cheque.amount_cents)
    with pytest.raises(DeliveryError):
        invoicing.check_invoice(invoice, by=world.fund_officer, accept_attendance_reason=True)
    assert Invoice.objects.get(pk=invoice.pk).state == InvoiceState.SUBMITTED


def test_attendance_at_the_threshold_is_enough(world):
    cheque, invoice = _low_attendance_world(world, LowAttendancePolicy.PRO_RATA, percent=80)
    assert invoice.payable_cents == cheque.amount_cents


def test_interim_then_final_pro_rata_counts_what_was_paid(world):
    cheque = world.started()
    interim = world.approved_invoice(cheque, amount=100_000, is_final=False)
    _pay(world, interim)
    services.complete(cheque, by=world.provider_user, certificate=_pdf(), percent=50)
    final = world.approved_invoice(cheque, amount=100_000)
    # Entitled: 50 % of €2000 = €1000, all paid already by the interim invoice.
    assert final.payable_cents == 0
    _pay(world, final)
    b = world.balances(cheque)
    assert b.paid == 100_000 and b.committed == 0  # the unused half is given back


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.lists(st.integers(min_value=1, max_value=250_000), min_size=1, max_size=4),
    percent=st.integers(min_value=0, max_value=100),
    policy=st.sampled_from(list(LowAttendancePolicy.values)),
)
def test_money_never_exceeds_the_cheque(world, amounts, percent, policy):
    """Whatever the provider invoices and however low the attendance, the ledger stays
    consistent and the fund's net payment is what the attendance rule allows."""
    world.scheme.low_attendance_policy = policy
    world.scheme.save()
    cheque = world.started()
    for i, amount in enumerate(amounts[:-1]):
        try:
            invoice = world.approved_invoice(
                cheque, amount=amount, is_final=False, number=f"I-{cheque.pk}-{i}"
            )
        except DeliveryError:
            continue
        _pay(world, invoice)
    services.complete(cheque, by=world.provider_user, certificate=_pdf(), percent=percent)
    try:
        final = world.approved_invoice(cheque, amount=amounts[-1], number=f"E-{cheque.pk}")
    except DeliveryError:
        final = None
    else:
        _pay(world, final)
    for recovery in Recovery.objects.filter(cheque=cheque):
        invoicing.record_recovery_received(recovery, by=world.finance)
    b = world.balances(cheque)
    assert b.reserved >= 0 and b.committed >= 0 and b.paid >= b.recovered
    assert b.reserved + b.committed + b.paid <= cheque.amount_cents
    invoiced = sum(
        Invoice.objects.filter(cheque=cheque, state=InvoiceState.PAID).values_list(
            "amount_cents", flat=True
        )
    )
    if final is not None and percent < world.scheme.attendance_threshold:
        assert b.paid - b.recovered == invoiced * percent // 100
    else:
        assert b.paid - b.recovered == invoiced
    assert world.balances().available >= 0
