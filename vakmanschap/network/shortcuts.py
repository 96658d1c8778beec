"""Helpers for the pages about one employer, shared by the network, nominations and vacancies."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.core.access import require
from vakmanschap.organisations.models import Organisation


def employer_or_404(user, pk, check):
    """The employer with this id, if `check` lets the user at it; 404 otherwise."""
    organisation = get_object_or_404(Organisation, pk=pk, kind=OrganisationKind.EMPLOYER)
    return require(check, user, organisation)


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has that field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
