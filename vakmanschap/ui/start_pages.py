"""What each role sees first: a heading, an introduction, what waits for them (counts) and
the tasks open to them."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import Role
from vakmanschap.core.navigation import NavItem, items_for
from vakmanschap.delivery.models import Invoice, InvoiceState
from vakmanschap.delivery.permissions import provider_ids
from vakmanschap.funding.models import Cheque, ChequeState, PlanState, TrainingPlan
from vakmanschap.guidance.models import CareerConversation, ConversationState
from vakmanschap.people.choices import Triage
from vakmanschap.people.models import Participant, advisor_scope


@dataclass
class Count:
    label: str
    number: int
    url: str


@dataclass
class StartPage:
    role: str
    title: str
    intro: str
    tasks: list[NavItem] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)


_INTROS = {
    Role.PARTICIPANT: (
        _("My training route"),
        _("Here you follow your sign-up, your career conversation and your training plan."),
    ),
    Role.ADVISOR: (
        _("Career advice"),
        _("Your caseload: sign-ups to triage, conversations to hold and plans to write."),
    ),
    Role.FUND_OFFICER: (
        _("Fund back office"),
        _("Check training plans against the scheme, approve them against the budget."),
    ),
    Role.FINANCE_OFFICER: (
        _("Finance"),
        _("Approve invoices and prepare payment batches."),
    ),
    Role.PROVIDER_STAFF: (
        _("Training provider"),
        _("Your courses, your training cheques and your invoices."),
    ),
    Role.EMPLOYER_STAFF: (
        _("Employer"),
        _(
            "Your organisation in the network, the social-innovation scan and your employees' routes."
        ),
    ),
    Role.MONITOR: (
        _("Regional monitor"),
        _("Whether it all works: people trained, shortages eased, broad welfare."),
    ),
    Role.ADMINISTRATOR: (
        _("Administration"),
        _("Users, organisations, reference data and the audit trail."),
    ),
}


def _advisor_counts(user) -> list[Count]:
    people = Participant.objects.visible_to(user).active()
    planned = CareerConversation.objects.filter(
        advisor=user, state=ConversationState.SCHEDULED
    ).filter(advisor_scope(user, "participant__"))
    caseload = reverse("people:caseload")
    return [
        Count(_("My caseload"), people.filter(advisor=user).count(), caseload),
        Count(
            _("Sign-ups to assess"),
            people.filter(triage=Triage.PENDING).count(),
            f"{caseload}?scope=triage",
        ),
        Count(_("Conversations planned"), planned.count(), reverse("guidance:agenda")),
    ]


def _fund_officer_counts(user) -> list[Count]:
    waiting = TrainingPlan.objects.filter(
        state__in=[PlanState.SUBMITTED, PlanState.SECOND_APPROVAL]
    ).exclude(state=PlanState.SECOND_APPROVAL, first_approver=user)  # four eyes: not mine
    to_check = Invoice.objects.filter(state=InvoiceState.SUBMITTED)
    return [
        Count(_("Plans waiting for a decision"), waiting.count(), reverse("funding:plan_list")),
        Count(_("Invoices to check"), to_check.count(), reverse("delivery:check_list")),
    ]


def _finance_counts(user) -> list[Count]:
    to_approve = Invoice.objects.filter(state=InvoiceState.CHECKED)
    return [Count(_("Invoices to approve"), to_approve.count(), reverse("delivery:approve_list"))]


def _provider_counts(user) -> list[Count]:
    running = Cheque.objects.filter(
        provider_id__in=provider_ids(user), state__in=[ChequeState.BOOKED, ChequeState.STARTED]
    )
    return [Count(_("Cheques booked or running"), running.count(), reverse("delivery:portal"))]


_COUNTS: dict[str, Callable[[object], list[Count]]] = {
    Role.ADVISOR: _advisor_counts,
    Role.FUND_OFFICER: _fund_officer_counts,
    Role.FINANCE_OFFICER: _finance_counts,
    Role.PROVIDER_STAFF: _provider_counts,
}


def start_page_for(user) -> StartPage:
    role = user.primary_role
    title, intro = _INTROS.get(
        role, (_("Welcome"), _("Your account has no role yet. Contact the fund to get access."))
    )
    counts = _COUNTS[role](user) if role in _COUNTS else []
    return StartPage(
        role=role or "", title=title, intro=intro, tasks=items_for(user), counts=counts
    )
