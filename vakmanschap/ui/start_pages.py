"""What each role sees first: a heading, an introduction and the tasks open to them."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import Role
from vakmanschap.core.navigation import NavItem, items_for


@dataclass
class StartPage:
    role: str
    title: str
    intro: str
    tasks: list[NavItem] = field(default_factory=list)


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


def start_page_for(user) -> StartPage:
    role = user.primary_role
    title, intro = _INTROS.get(
        role, (_("Welcome"), _("Your account has no role yet. Contact the fund to get access."))
    )
    return StartPage(role=role or "", title=title, intro=intro, tasks=items_for(user))
