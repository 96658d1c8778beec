"""Pages for vacancies, their matches, and the network's lines under a participant's routes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vakmanschap.core.access import guarded, require
from vakmanschap.network.shortcuts import apply_validation_error, employer_or_404
from vakmanschap.nominations import services as nominations
from vakmanschap.people.models import Participant

from . import services as vacancies
from .forms import LanguageProfileForm, PreferencesForm, VacancyForm
from .models import ParticipantProfile, Vacancy, VacancyMatch
from .permissions import (
    can_edit_language_profile,
    can_handle_vacancy_match,
    can_manage_vacancies,
    can_set_own_preferences,
    can_view_route_extras,
    can_view_vacancy,
)


# ---------------------------------------------------------------------- vacancies
@guarded(can_manage_vacancies)
def vacancy_list(request, pk):
    organisation = employer_or_404(request.user, pk, can_manage_vacancies)
    items = (
        Vacancy.objects.filter(organisation=organisation)
        .select_related("occupation", "municipality")
        .order_by("-is_open", "start_date")
    )
    return render(
        request, "vacancies/vacancies.html", {"organisation": organisation, "vacancies": items}
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
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The vacancy has been saved."))
            return redirect("network:vacancy_detail", pk=saved.pk)
    return render(
        request,
        "vacancies/vacancy_form.html",
        {
            "organisation": organisation,
            "form": form,
            "vacancy": vacancy,
            "suggestions": vacancies.match_title(title or "") if vacancy.pk else [],
        },
    )


@guarded(can_manage_vacancies)
def vacancy_new(request, pk):
    organisation = employer_or_404(request.user, pk, can_manage_vacancies)
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
        "vacancies/vacancy_detail.html",
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
        "vacancies/_route_extras.html" if _is_htmx(request) else "vacancies/route_extras_page.html"
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
    return render(
        request, "vacancies/language_form.html", {"participant": participant, "form": form}
    )


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
