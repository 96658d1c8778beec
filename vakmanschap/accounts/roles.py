"""The roles people have in the fund's work, and which organisation kind each role belongs to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    ADVISOR = "advisor", _("Career advisor")
    FUND_OFFICER = "fund_officer", _("Fund officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    PROVIDER_STAFF = "provider_staff", _("Training provider staff")
    EMPLOYER_STAFF = "employer_staff", _("Employer staff")
    MONITOR = "monitor", _("Monitor viewer")
    ADMINISTRATOR = "administrator", _("Administrator")


class OrganisationKind(models.TextChoices):
    ADVICE = "advice", _("Advice organisation")
    FUND = "fund", _("Fund back office")
    PROVIDER = "provider", _("Training provider")
    EMPLOYER = "employer", _("Employer")


# A role held through a membership must match the organisation's kind.
ROLE_ORGANISATION_KIND = {
    Role.ADVISOR: OrganisationKind.ADVICE,
    Role.FUND_OFFICER: OrganisationKind.FUND,
    Role.FINANCE_OFFICER: OrganisationKind.FUND,
    Role.PROVIDER_STAFF: OrganisationKind.PROVIDER,
    Role.EMPLOYER_STAFF: OrganisationKind.EMPLOYER,
}

# Staff roles handle other people's data and must use two-factor login.
STAFF_ROLES = frozenset(
    {
        Role.ADVISOR,
        Role.FUND_OFFICER,
        Role.FINANCE_OFFICER,
        Role.PROVIDER_STAFF,
        Role.EMPLOYER_STAFF,
        Role.MONITOR,
        Role.ADMINISTRATOR,
    }
)
