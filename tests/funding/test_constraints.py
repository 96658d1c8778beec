"""The database itself refuses rows that break the fund's rules: each write below bypasses
Python (queryset .update() or a bare insert), so only a constraint or trigger can stop it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tests.factories import (
    ChequeFactory,
    InvoiceFactory,
    PlanFactory,
    user_with_role,
)
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.delivery.models import Invoice
from vakmanschap.funding.models import Cheque, PlanCourse, PlanState, TrainingPlan
from vakmanschap.people.models import DuplicateCandidate

pytestmark = pytest.mark.django_db


def refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)
    return True


def _plans(**traits):
    plan = PlanFactory(**traits)
    return TrainingPlan.objects.filter(pk=plan.pk), plan


# Plans ---------------------------------------------------------------------------------------


def test_fund_amount_is_total_minus_own_contribution():
    plans, plan = _plans(own_contribution_cents=50_000)
    assert plan.fund_amount_cents == plan.total_cents - 50_000
    assert refused(plans, fund_amount_cents=plan.total_cents)
    assert refused(plans, own_contribution_cents=0)
    plans.update(own_contribution_cents=0, fund_amount_cents=plan.total_cents)  # consistent


def test_the_author_is_never_the_first_approver():
    plans, plan = _plans()
    assert refused(plans, first_approver=plan.author)
    plans.update(first_approver=user_with_role(Role.FUND_OFFICER))


def test_waiting_for_a_second_approver_needs_a_first_approver():
    plans, _plan = _plans(submitted=True)
    assert refused(plans, state=PlanState.SECOND_APPROVAL)
    plans.update(state=PlanState.SECOND_APPROVAL, first_approver=user_with_role(Role.FUND_OFFICER))


def test_a_submitted_plan_has_its_submission_and_application_dates():
    plans, _plan = _plans()
    assert refused(plans, state=PlanState.SUBMITTED)
    plans, _plan = _plans(submitted=True)
    assert refused(plans, submitted_at=None)
    assert refused(plans, application_date=None)


@pytest.mark.parametrize("state", [PlanState.APPROVED, PlanState.REJECTED, PlanState.WAITING_LIST])
def test_a_decided_plan_has_its_decision_time(state):
    plans, _plan = _plans(submitted=True)
    assert refused(plans, state=state)
    plans, _plan = _plans(**{state: True})
    assert refused(plans, decided_at=None)


# Cheques -------------------------------------------------------------------------------------


def test_cheque_states_carry_their_moments():
    cheque = ChequeFactory(completed=True)
    cheques = Cheque.objects.filter(pk=cheque.pk)
    assert refused(cheques, booked_at=None)
    assert refused(cheques, started_at=None)
    assert refused(cheques, start_date=None)
    assert refused(cheques, finished_at=None)
    assert refused(cheques, attendance_percent=None)
    issued = Cheque.objects.filter(pk=ChequeFactory(booked=True).pk)
    issued.update(state="issued", booked_at=None)  # an issued cheque needs none of them
    assert refused(issued, state="booked")
    assert refused(issued, state="started", booked_at=timezone.now())
    assert refused(issued, state="dropped_out", booked_at=timezone.now())


def test_a_cheques_plan_is_its_plan_courses_plan():
    cheque = ChequeFactory()
    other_plan = PlanFactory()
    assert refused(Cheque.objects.filter(pk=cheque.pk), plan=other_plan)
    assert refused(PlanCourse.objects.filter(pk=cheque.plan_course_id), plan=other_plan)
    other_course = other_plan.courses.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Cheque.objects.bulk_create(
            [
                Cheque(
                    plan_course=other_course,
                    plan=cheque.plan,
                    provider=cheque.provider,
                    code_hash="x" * 64,
                    code_last4="XXXX",
                    amount_cents=1,
                    valid_until=timezone.now() + datetime.timedelta(days=1),
                )
            ]
        )
    assert Cheque.objects.get(pk=cheque.pk).plan_id == cheque.plan_id


# Invoices ------------------------------------------------------------------------------------


def test_invoice_states_carry_who_and_when():
    invoice = InvoiceFactory(approved=True)
    invoices = Invoice.objects.filter(pk=invoice.pk)
    assert refused(invoices, checked_by=None)
    assert refused(invoices, checked_at=None)
    assert refused(invoices, approved_by=None)
    assert refused(invoices, approved_at=None)
    assert refused(invoices, payable_cents=None)
    assert refused(invoices, state="paid")  # not in a batch, no payment date
    assert refused(invoices, state="rejected")  # no reason
    invoices.update(state="rejected", rejection_reason="Dubbel")
    assert refused(invoices, approved_by=F("checked_by"))


# Duplicate pairs -----------------------------------------------------------------------------


def test_a_duplicate_pair_is_stored_once_in_order():
    world = FundWorld(allocated=0)  # sign-up through the service, which flags the pair
    first = world.participant()
    second = world.participant()  # same person by name, birth date, postcode: flagged
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.participant, candidate.other) == (first, second)
    assert refused(
        DuplicateCandidate.objects.filter(pk=candidate.pk), participant=second, other=first
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DuplicateCandidate.objects.bulk_create(
            [DuplicateCandidate(participant=second, other=first, reason="x")]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        DuplicateCandidate.objects.bulk_create(
            [DuplicateCandidate(participant=first, other=first, reason="x")]
        )
