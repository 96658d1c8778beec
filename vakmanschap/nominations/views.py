"""Pages for employer-backed training: the employer nominates, the employee consents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vakmanschap.core.access import guarded, require
from vakmanschap.network.shortcuts import apply_validation_error, employer_or_404
from vakmanschap.people.forms import CONSENT_PURPOSE

from . import services as nominations
from .forms import NominationConsentForm, NominationForm, NominationOutcomeForm
from .models import Nomination
from .permissions import (
    can_nominate,
    can_record_nomination_outcome,
    can_respond_to_nomination,
    can_view_nomination,
)


# ---------------------------------------------------------------------- nominations (employer)
@guarded(can_view_nomination)
def nomination_list(request, pk):
    organisation = employer_or_404(request.user, pk, can_nominate)
    return render(
        request,
        "nominations/nominations.html",
        {"organisation": organisation, "rows": nominations.employer_rows(organisation)},
    )


@guarded(can_nominate)
def nominate(request, pk):
    organisation = employer_or_404(request.user, pk, can_nominate)
    occupations = nominations.shortage_occupations()
    form = NominationForm(request.POST or None, occupations=occupations)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = nominations.route_preview(data["current_job"], data["target_occupation"])
            if preview is None:
                messages.info(
                    request,
                    _("No route could be computed for this job title; you can still nominate."),
                )
        else:
            link = lambda token: request.build_absolute_uri(  # noqa: E731
                reverse("network:nomination_respond", args=[token])
            )
            fields = {k: data[k] for k in NominationForm.Meta.fields}
            try:
                nomination, _token = nominations.nominate(
                    organisation,
                    by=request.user,
                    link_for=link,
                    co_financing_cents=data["co_financing"],
                    **fields,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s has been invited by e-mail. Nothing is shared until they consent.")
                    % {"name": nomination.name},
                )
                return redirect("network:nominations", pk=organisation.pk)
    return render(
        request,
        "nominations/nomination_form.html",
        {
            "organisation": organisation,
            "form": form,
            "preview": preview,
            "no_shortage_list": not occupations,
        },
    )


# ---------------------------------------------------------------------- consent (employee)
@guarded(can_respond_to_nomination)
def nomination_respond(request, token):
    nomination = nominations.for_token(token)
    if nomination is None:
        raise Http404
    if not can_respond_to_nomination(request.user, nomination):
        return render(
            request,
            "nominations/nomination_invalid.html",
            {"expired": nomination.status == "invited"},
            status=410,
        )
    if request.method == "POST" and "decline" in request.POST:
        try:
            nominations.decline(token)
        except nominations.NominationError as error:
            messages.error(request, str(error))
        return render(request, "nominations/nomination_done.html", {"declined": True})
    form = NominationConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                nominations.consent(
                    token,
                    birth_date=data["birth_date"],
                    postcode=data["postcode"],
                    municipality=data["municipality"],
                    education_level=data["education_level"],
                    consent_purpose=str(CONSENT_PURPOSE),
                    privacy_version=form.privacy_statement.version,
                )
        except ValidationError as error:
            apply_validation_error(form, error)
        except nominations.NominationError as error:
            messages.error(request, str(error))
            return render(
                request, "nominations/nomination_invalid.html", {"expired": False}, status=410
            )
        else:
            return render(request, "nominations/nomination_done.html", {"declined": False})
    return render(
        request,
        "nominations/nomination_respond.html",
        {"nomination": nomination, "organisation": nomination.organisation, "form": form},
    )


@guarded(can_record_nomination_outcome)
def nomination_outcome(request, pk):
    nomination = get_object_or_404(Nomination.objects.select_related("organisation"), pk=pk)
    require(can_record_nomination_outcome, request.user, nomination)
    initial = {
        name: {True: "yes", False: "no"}.get(getattr(nomination, name))
        for name in ("stayed_on", "got_more_hours")
    }
    form = NominationOutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            nominations.record_outcome(nomination, **form.values())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The outcome is saved."))
            return redirect("network:nominations", pk=nomination.organisation_id)
    return render(
        request, "nominations/nomination_outcome.html", {"form": form, "nomination": nomination}
    )
