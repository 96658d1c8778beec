"""Pages for employer-backed training, vacancies and the network's lines under the routes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.core.access import guarded, require
from vakmanschap.organisations.models import Organisation
from vakmanschap.people.forms import CONSENT_PURPOSE, PRIVACY_VERSION
from vakmanschap.people.models import Participant

from . import nominations, vacancies
from .models import ParticipantProfile, Vacancy, VacancyMatch
from .permissions import (
    can_edit_language_profile,
    can_handle_vacancy_match,
    can_manage_vacancies,
    can_nominate,
    can_respond_to_nomination,
    can_set_own_preferences,
    can_view_nomination,
    can_view_route_extras,
    can_view_vacancy,
)
from .work_forms import (
    LanguageProfileForm,
    NominationConsentForm,
    NominationForm,
    PreferencesForm,
    VacancyForm,
)


def _employer(request, pk, check):
    organisation = get_object_or_404(Organisation, pk=pk, kind=OrganisationKind.EMPLOYER)
    return require(check, request.user, organisation)


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------------- nominations (employer)
@guarded(can_view_nomination)
def nomination_list(request, pk):
    organisation = _employer(request, pk, can_nominate)
    return render(
        request,
        "network/nominations.html",
        {"organisation": organisation, "rows": nominations.employer_rows(organisation)},
    )


@guarded(can_nominate)
def nominate(request, pk):
    organisation = _employer(request, pk, can_nominate)
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
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s has been invited by e-mail. Nothing is shared until they consent.")
                    % {"name": nomination.name},
                )
                return redirect("network:nominations", pk=organisation.pk)
    return render(
        request,
        "network/nomination_form.html",
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
            "network/nomination_invalid.html",
            {"expired": nomination.status == "invited"},
            status=410,
        )
    if request.method == "POST" and "decline" in request.POST:
        try:
            nominations.decline(token)
        except nominations.NominationError as error:
            messages.error(request, str(error))
        return render(request, "network/nomination_done.html", {"declined": True})
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
                    privacy_version=PRIVACY_VERSION,
                )
        except ValidationError as error:
            _apply_errors(form, error)
        except nominations.NominationError as error:
            messages.error(request, str(error))
            return render(
                request, "network/nomination_invalid.html", {"expired": False}, status=410
            )
        else:
            return render(request, "network/nomination_done.html", {"declined": False})
    return render(
        request,
        "network/nomination_respond.html",
        {"nomination": nomination, "organisation": nomination.organisation, "form": form},
    )


# ---------------------------------------------------------------------- vacancies
@guarded(can_manage_vacancies)
def vacancy_list(request, pk):
    organisation = _employer(request, pk, can_manage_vacancies)
    items = (
        Vacancy.objects.filter(organisation=organisation)
        .select_related("occupation", "municipality")
        .order_by("-is_open", "start_date")
    )
    return render(
        request, "network/vacancies.html", {"organisation": organisation, "vacancies": items}
    )


def _vacancy_form(request, organisation, vacancy):
    title = request.POST.get("title") if request.method == "POST" else vacancy.title
    candidates = vacancies.candidate_occupations(title or "", vacancy.occupation)
    initial = {} if vacancy.pk else {"municipality": organisation.municipality_id}
    form = VacancyForm(
        request.POST or None, instance=vacancy, candidates=candidates, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = vacancies.save_vacancy(
                form.save(commit=False), chosen_occupation=form.chosen_occupation(), by=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The vacancy has been saved."))
            return redirect("network:vacancy_detail", pk=saved.pk)
    return render(
        request,
        "network/vacancy_form.html",
        {
            "organisation": organisation,
            "form": form,
            "vacancy": vacancy,
            "suggestions": vacancies.match_title(title or "") if vacancy.pk else [],
        },
    )


@guarded(can_manage_vacancies)
def vacancy_new(request, pk):
    organisation = _employer(request, pk, can_manage_vacancies)
    return _vacancy_form(request, organisation, Vacancy(organisation=organisation))


def _vacancy(request, pk, check):
    vacancy = get_object_or_404(
        Vacancy.objects.select_related("organisation", "municipality", "occupation"), pk=pk
    )
    return require(check, request.user, vacancy)


def _can_manage_vacancy(user, vacancy=None):
    return can_manage_vacancies(user, vacancy.organisation if vacancy is not None else None)


@guarded(can_manage_vacancies)
def vacancy_edit(request, pk):
    vacancy = _vacancy(request, pk, _can_manage_vacancy)
    return _vacancy_form(request, vacancy.organisation, vacancy)


@guarded(can_manage_vacancies)
@require_POST
def vacancy_delete(request, pk):
    vacancy = _vacancy(request, pk, _can_manage_vacancy)
    organisation_id = vacancy.organisation_id
    vacancy.delete()
    messages.success(request, _("The vacancy has been deleted."))
    return redirect("network:vacancies", pk=organisation_id)


@guarded(can_view_vacancy)
def vacancy_detail(request, pk):
    vacancy = _vacancy(request, pk, can_view_vacancy)
    matches = []
    if can_handle_vacancy_match(request.user):
        matches = VacancyMatch.objects.filter(
            vacancy=vacancy, handled_at__isnull=True, participant__advisor=request.user
        ).select_related("participant")
    return render(
        request,
        "network/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "matches": matches,
            "can_manage": can_manage_vacancies(request.user, vacancy.organisation),
        },
    )


@guarded(can_handle_vacancy_match)
@require_POST
def match_done(request, pk):
    match = get_object_or_404(VacancyMatch.objects.select_related("participant"), pk=pk)
    require(can_handle_vacancy_match, request.user, match)
    match.handled_at = timezone.now()
    match.save(update_fields=["handled_at"])
    messages.success(request, _("Marked as handled."))
    return redirect("network:vacancy_detail", pk=match.vacancy_id)


# ---------------------------------------------------------------------- under the routes
def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@guarded(can_view_route_extras)
def route_extras(request, pk):
    participant = get_object_or_404(Participant.objects.active(), pk=pk)
    require(can_view_route_extras, request.user, participant)
    profile = ParticipantProfile.objects.filter(participant=participant).first()
    context = {
        "participant": participant,
        "profile": profile,
        "offers": nominations.offers_for(participant),
        "extras": vacancies.route_extras(participant),
        "is_self": participant.user_id == request.user.pk,
        "can_edit_language": can_edit_language_profile(request.user, participant),
        "preferences_form": PreferencesForm(instance=profile),
    }
    template = (
        "network/_route_extras.html" if _is_htmx(request) else "network/route_extras_page.html"
    )
    return render(request, template, context)


@guarded(can_edit_language_profile)
def language_profile(request, pk):
    participant = get_object_or_404(Participant.objects.active(), pk=pk)
    require(can_edit_language_profile, request.user, participant)
    profile = ParticipantProfile.objects.filter(
        participant=participant
    ).first() or ParticipantProfile(participant=participant)
    form = LanguageProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The Dutch language level has been saved."))
        return redirect("people:detail", pk=participant.pk)
    return render(request, "network/language_form.html", {"participant": participant, "form": form})


@guarded(can_set_own_preferences)
@require_POST
def my_preferences(request):
    participant = Participant.objects.active().filter(user=request.user).first()
    if participant is None:
        raise Http404
    profile = ParticipantProfile.objects.filter(
        participant=participant
    ).first() or ParticipantProfile(participant=participant)
    form = PreferencesForm(request.POST, instance=profile)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            _("You will be matched to vacancies.")
            if profile.opt_in_vacancies
            else _("You will not be matched to vacancies."),
        )
    return redirect("people:mine")
