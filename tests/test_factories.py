"""The factories reach each state through the services, with what that state carries."""

import pytest

from tests.factories import ChequeFactory, EmployerFactory, InvoiceFactory, PlanFactory
from vakmanschap.funding import cheque_account
from vakmanschap.funding.models import PlanState
from vakmanschap.network.models import NetworkMembership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "trait, state",
    [
        (None, PlanState.DRAFT),
        ("submitted", PlanState.SUBMITTED),
        ("second_approval", PlanState.SECOND_APPROVAL),
        ("approved", PlanState.APPROVED),
        ("waiting_list", PlanState.WAITING_LIST),
        ("rejected", PlanState.REJECTED),
        ("returned", PlanState.RETURNED),
    ],
)
def test_plan_traits_reach_their_state(trait, state):
    plan = PlanFactory(**({trait: True} if trait else {}))
    plan.refresh_from_db()
    assert plan.state == state
    issued = plan.cheques.count()
    assert issued == (1 if state == PlanState.APPROVED else 0) == len(plan.cheque_codes)


def test_an_approved_plan_reserves_its_cheque_money():
    cheque = ChequeFactory()
    assert cheque_account.balances(cheque).reserved == cheque.amount_cents > 0


@pytest.mark.parametrize("trait", ["booked", "started", "completed", "dropped_out"])
def test_cheque_traits_reach_their_state(trait):
    cheque = ChequeFactory(**{trait: True})
    cheque.refresh_from_db()
    assert cheque.state == trait


def test_a_started_cheque_has_its_money_committed():
    cheque = ChequeFactory(started=True)
    held = cheque_account.balances(cheque)
    assert (held.reserved, held.committed) == (0, cheque.amount_cents)


@pytest.mark.parametrize("trait", ["checked", "approved", "rejected"])
def test_invoice_traits_reach_their_state(trait):
    invoice = InvoiceFactory(**{trait: True})
    invoice.refresh_from_db()
    assert invoice.state == trait


def test_a_paid_invoice_is_paid_from_the_ledger():
    invoice = InvoiceFactory(paid=True)
    held = cheque_account.balances(invoice.cheque)
    assert invoice.batch.paid_at is not None
    assert (held.paid, held.reserved, held.committed) == (invoice.payable_cents, 0, 0)


def test_employer_traits():
    plain = EmployerFactory()
    member = EmployerFactory(member=True)
    assert plain.staff is None and not NetworkMembership.objects.filter(organisation=plain)
    assert member.staff.memberships.get().organisation == member
    assert NetworkMembership.objects.get(organisation=member).public_listing
