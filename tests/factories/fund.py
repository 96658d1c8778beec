"""Training plans, cheques and invoices, built through the real services.

A trait names the state; the factory walks the services to it (submit, approve, redeem, start,
complete, invoice, check, approve, pay), so every timestamp, actor, ledger movement and state
log is what the application itself would have written. Ask only for what the test needs:

    PlanFactory()                        a draft with one course, its participant's career
                                         conversation held (PlanFactory(conversation_held=False):
                                         none, so the scheme refuses to have it submitted)
    PlanFactory(approved=True)           approved, its cheque issued and its money reserved
    ChequeFactory(started=True)          a cheque of an approved plan, booked and started
    InvoiceFactory(paid=True)            a final invoice of a completed cheque, paid in a batch

`plan.cheque_codes` holds the codes of the cheques issued by the approval ({cheque pk: code}).
"""

import datetime
import hashlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from vakmanschap.accounts.roles import Role
from vakmanschap.delivery import invoicing, payments, services
from vakmanschap.delivery.models import Invoice
from vakmanschap.funding.cheques import redeem
from vakmanschap.funding.models import (
    BudgetPeriod,
    Cheque,
    ChequeState,
    PlanCourse,
    PlanState,
    TrainingPlan,
)
from vakmanschap.funding.plans import approve, create_draft, reject, return_for_changes, submit
from vakmanschap.guidance import services as guidance
from vakmanschap.guidance.models import CareerConversation

from .base import (
    BudgetPeriodFactory,
    OccupationFactory,
    ParticipantFactory,
    RecognisedCourseFactory,
    SchemeFactory,
    ShortageOccupationFactory,
    user_with_role,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BUDGET = 100_000_000  # cents in a default period: enough for any test's plans


def certificate() -> SimpleUploadedFile:
    return SimpleUploadedFile("certificaat.pdf", PDF, content_type="application/pdf")


def held_conversation(participant, advisor, *, days_ago=7) -> CareerConversation:
    """A career conversation that took place, as the scheme asks before a plan is submitted
    (made directly: the scheduling form takes only moments in the future)."""
    conversation = CareerConversation.objects.create(
        participant=participant,
        advisor=advisor,
        scheduled_at=timezone.now() - datetime.timedelta(days=days_ago),
        location="Leerwerkloket Enschede",
    )
    return guidance.record_held(
        conversation, by=advisor, notes="", outcome="Route besproken.", next_step="Plan schrijven"
    )


class _Reached(Exception):
    """The services did not bring the object to the state the trait asked for."""


def _expect(obj, state):
    if obj.state != state:
        raise _Reached(f"{type(obj).__name__} is {obj.state}, not {state}")
    return obj


class PlanFactory(factory.Factory):
    """A training plan by `author` (an advisor of the participant's organisation), decided by
    `fund_officer`. Traits: submitted, second_approval, approved, waiting_list, rejected,
    returned (default: draft)."""

    class Meta:
        model = TrainingPlan

    class Params:
        submitted = factory.Trait(state=PlanState.SUBMITTED)
        approved = factory.Trait(state=PlanState.APPROVED)
        rejected = factory.Trait(state=PlanState.REJECTED)
        returned = factory.Trait(state=PlanState.RETURNED)
        # The budget is empty, so the approval queues the plan.
        waiting_list = factory.Trait(
            state=PlanState.WAITING_LIST,
            funding_period=factory.SubFactory(BudgetPeriodFactory, allocated=0),
        )
        # Not a shortage occupation: the labour-market prospect needs a second approver.
        second_approval = factory.Trait(
            state=PlanState.SECOND_APPROVAL,
            target_occupation=factory.SubFactory(OccupationFactory),
            labour_market_justification="Veel vacatures in de regio.",
        )

    state = PlanState.DRAFT
    participant = factory.SubFactory(ParticipantFactory)
    author = factory.LazyAttribute(
        lambda o: user_with_role(Role.ADVISOR, o.participant.advice_organisation)
    )
    fund_officer = factory.LazyFunction(lambda: user_with_role(Role.FUND_OFFICER))
    scheme = factory.SubFactory(SchemeFactory)
    funding_period = factory.SubFactory(BudgetPeriodFactory, allocated=BUDGET)
    target_occupation = factory.SubFactory(ShortageOccupationFactory)
    courses = factory.LazyFunction(lambda: [RecognisedCourseFactory()])
    justification = "Wil de zorg in."
    labour_market_justification = ""
    own_contribution_cents = 0
    conversation_held = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("A plan is made through the services: use create().")

    @classmethod
    def _create(cls, model_class, *, state, fund_officer, conversation_held, **fields):
        if conversation_held:
            held_conversation(fields["participant"], fields["author"])
        plan, codes = cls._walk(state, fund_officer, create_draft(**fields))
        plan.cheque_codes = codes
        return _expect(plan, state)

    @staticmethod
    def _walk(state, fund_officer, plan):
        if state == PlanState.DRAFT:
            return plan, {}
        plan = submit(plan, by=plan.author)
        if state == PlanState.REJECTED:
            return reject(plan, by=fund_officer, reason="Geen kansberoep."), {}
        if state == PlanState.RETURNED:
            return return_for_changes(plan, by=fund_officer, reason="Aanvullen."), {}
        if state == PlanState.SUBMITTED:
            return plan, {}
        decision = approve(plan, by=fund_officer)
        return decision.plan, decision.codes


class ChequeFactory(factory.Factory):
    """The first cheque of an approved plan, walked by `provider_user` (staff of the cheque's
    provider) to its state. Traits: booked, started, completed, dropped_out (default:
    issued, with `cheque.code` the code on its letter)."""

    class Meta:
        model = Cheque

    class Params:
        booked = factory.Trait(state=ChequeState.BOOKED)
        started = factory.Trait(state=ChequeState.STARTED)
        completed = factory.Trait(state=ChequeState.COMPLETED)
        dropped_out = factory.Trait(state=ChequeState.DROPPED_OUT)

    state = ChequeState.ISSUED
    plan = factory.SubFactory(PlanFactory, approved=True)
    provider_user = None  # made for the cheque's provider when not given
    attendance_percent = 100
    # Yesterday, so that a completed cheque did not finish on its start date.
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("A cheque is made through the services: use create().")

    @classmethod
    def _create(cls, model_class, *, state, plan, provider_user, attendance_percent, start_date):
        cheque = plan.cheques.order_by("pk").first()
        cheque.code = plan.cheque_codes[cheque.pk]
        if state == ChequeState.ISSUED:
            return cheque
        by = provider_user or user_with_role(Role.PROVIDER_STAFF, cheque.provider)
        code = cheque.code
        cheque = redeem(
            provider=cheque.provider,
            user=by,
            code=code,
            birth_date=plan.participant.birth_date,
        )
        cheque.code = code
        if state == ChequeState.DROPPED_OUT:
            cheque = services.drop_out(cheque, by=by, reason="Verhuisd.")
        elif state != ChequeState.BOOKED:
            # The cheque as if issued before its start (a start may not precede the issue).
            Cheque.objects.filter(pk=cheque.pk).update(
                issued_at=timezone.now() - datetime.timedelta(days=2)
            )
            cheque.refresh_from_db()
            cheque = services.declare_start(cheque, by=by, start_date=start_date)
            if state == ChequeState.COMPLETED:
                cheque = services.complete(
                    cheque, by=by, certificate=certificate(), percent=attendance_percent
                )
        cheque.code = code
        return _expect(cheque, state)


class InvoiceFactory(factory.Factory):
    """An invoice of a completed cheque (final, for its whole amount by default), submitted
    by the provider's staff. Traits: checked (fund officer), approved (a finance officer),
    paid (in a payment batch marked paid by another finance officer), rejected."""

    class Meta:
        model = Invoice

    class Params:
        checked = factory.Trait(state="checked")
        approved = factory.Trait(state="approved")
        paid = factory.Trait(state="paid")
        rejected = factory.Trait(state="rejected")

    state = "submitted"
    cheque = factory.SubFactory(ChequeFactory, completed=True)
    number = factory.Sequence(lambda n: f"F-{n:05d}")
    amount_cents = factory.LazyAttribute(lambda o: o.cheque.amount_cents)
    is_final = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("An invoice is made through the services: use create().")

    @classmethod
    def _create(cls, model_class, *, state, cheque, **fields):
        provider_user = user_with_role(Role.PROVIDER_STAFF, cheque.provider)
        invoice = invoicing.submit_invoice(cheque, by=provider_user, **fields)
        if state == "submitted":
            return invoice
        fund_officer = user_with_role(Role.FUND_OFFICER)
        if state == "rejected":
            return invoicing.reject_invoice(invoice, by=fund_officer, reason="Bedrag klopt niet.")
        invoice = invoicing.check_invoice(invoice, by=fund_officer)
        if state != "checked":
            invoice = invoicing.approve_invoice(invoice, by=user_with_role(Role.FINANCE_OFFICER))
        if state == "paid":
            batch = payments.create_batch(
                by=user_with_role(Role.FINANCE_OFFICER), invoices=[invoice]
            )
            payments.mark_batch_paid(batch, by=user_with_role(Role.FINANCE_OFFICER))
            invoice.refresh_from_db()
        return _expect(invoice, state)


# ------------------------------------------------------------------ bare rows for ledger tests
class DraftPlanRowFactory(factory.django.DjangoModelFactory):
    """A draft plan written straight to the database (no courses, no money)."""

    class Meta:
        model = TrainingPlan

    participant = factory.SubFactory(ParticipantFactory)
    author = factory.LazyFunction(lambda: user_with_role(Role.ADVISOR))
    scheme = factory.SubFactory(SchemeFactory)
    funding_period = factory.SubFactory(BudgetPeriodFactory)
    target_occupation = factory.SubFactory(OccupationFactory)
    justification = "Wil de zorg in."


class PlanCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanCourse

    plan = factory.SubFactory(DraftPlanRowFactory)
    course = factory.SubFactory(RecognisedCourseFactory)
    price_cents = factory.SelfAttribute("course.price_cents")
    fund_amount_cents = factory.SelfAttribute("price_cents")


class BareChequeFactory(factory.django.DjangoModelFactory):
    """An issued cheque written straight to the database, with no money in the ledger: for
    tests of the ledger itself, which post the movements they need."""

    class Meta:
        model = Cheque

    plan_course = factory.SubFactory(PlanCourseFactory)
    plan = factory.SelfAttribute("plan_course.plan")
    provider = factory.SelfAttribute("plan_course.course.provider")
    code_hash = factory.Sequence(lambda n: hashlib.sha256(f"code-{n}".encode()).hexdigest())
    code_last4 = "TEST"
    amount_cents = factory.SelfAttribute("plan_course.fund_amount_cents")
    valid_until = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=180))


def bare_cheques(period: BudgetPeriod, n: int) -> list[Cheque]:
    """`n` issued cheques of one draft plan funded from `period` (the ledger is left alone)."""
    plan = DraftPlanRowFactory(funding_period=period)
    return [BareChequeFactory(plan_course__plan=plan) for _ in range(n)]
