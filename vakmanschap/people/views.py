from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vakmanschap.accounts.permissions import is_anyone
from vakmanschap.accounts.roles import Role
from vakmanschap.core.access import guarded, require
from vakmanschap.core.keyset import keyset_page

from . import services
from .choices import DuplicateStatus, Triage
from .digid import SIGN_UP_IDENTITY
from .forms import (
    CONSENT_PURPOSE,
    CaseloadFilterForm,
    ParticipantForm,
    SignUpForm,
    TransferForm,
    TriageForm,
)
from .models import DuplicateCandidate, Participant, ParticipantTransfer
from .permissions import (
    can_decide_duplicates,
    can_register_participant,
    can_transfer_participant,
    can_triage,
    can_view_participant,
    can_view_transfers,
    in_advisors_care,
)


def _sign_up_fields(form):
    """The form's fields with what was consented to: the purpose and the statement's version
    that the form named."""
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    version = form.privacy_statement.version
    return dict(fields, consent_purpose=str(CONSENT_PURPOSE), privacy_version=version)


@transaction.non_atomic_requests  # the sign-up's one transaction is services.sign_up's own
@guarded(is_anyone)
def sign_up(request):
    """A resident signs up online (aanmelding); the e-mail's link logs them in. A new and an
    already registered address get the same next page."""
    if request.user.is_authenticated and hasattr(request.user, "participant"):
        return redirect("people:mine")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        language = translation.get_language() or "nl"
        if language not in dict(settings.LANGUAGES):
            language = language[:2] if language[:2] in dict(settings.LANGUAGES) else "nl"
        try:
            user = services.sign_up(
                **_sign_up_fields(form),
                language=language,
                identity=request.session.get(SIGN_UP_IDENTITY, ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if user is not None and request.session.pop(SIGN_UP_IDENTITY, None):
                # DigiD has shown who this is: logged in at once; the e-mail confirms the address.
                login(request, user, backend="vakmanschap.accounts.backends.EmailBackend")
                messages.success(
                    request, _("Thank you for signing up. The Leerwerkloket will contact you.")
                )
                return redirect("people:mine")
            return redirect("people:sign_up_sent")
    return render(request, "people/sign_up.html", {"form": form})


@guarded(is_anyone)
def sign_up_sent(request):
    return render(request, "people/sign_up_sent.html")


@guarded(can_register_participant)
def caseload(request):
    form = CaseloadFilterForm(request.GET or None)
    visible = Participant.objects.visible_to(request.user)
    people = visible.active().select_related("municipality", "advisor")
    scope, query = "mine", ""
    if form.is_valid():
        scope, query = form.cleaned_data["scope"] or "mine", form.cleaned_data["q"].strip()
    if scope == "mine":
        people = people.filter(advisor=request.user)
    elif scope == "triage":
        people = people.filter(triage=Triage.PENDING)
    if query:
        people = people.filter(
            Q(family_name__icontains=query)
            | Q(given_name__icontains=query)
            | Q(postcode__icontains=query.replace(" ", "")[:4])
        )
    duplicates = DuplicateCandidate.objects.filter(
        status=DuplicateStatus.OPEN, participant__in=visible, other__in=visible
    ).count()
    # Keyset pages: no OFFSET and no count of everyone, however long the list grows.
    page = keyset_page(people, request.GET.get("after", ""), size=25)
    return render(
        request,
        "people/caseload.html",
        {
            "form": form,
            "page": page,
            "open_duplicates": duplicates,
            "filters": {"scope": scope, "q": query},
        },
    )


@guarded(can_register_participant)
def register(request):
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        participant = services.register(by=request.user, **_sign_up_fields(form))
        participant.advisor = request.user
        participant.save(update_fields=["advisor"])
        messages.success(request, _("The sign-up has been saved."))
        return redirect("people:detail", pk=participant.pk)
    return render(request, "people/register.html", {"form": form})


@guarded(can_view_participant)
def detail(request, pk):
    participant = get_object_or_404(
        Participant.objects.select_related("municipality", "advisor"), pk=pk
    )
    require(can_view_participant, request.user, participant)
    visible = Participant.objects.visible_to(request.user)
    duplicates = DuplicateCandidate.objects.filter(
        Q(participant=participant) | Q(other=participant),
        status=DuplicateStatus.OPEN,
        participant__in=visible,
        other__in=visible,
    ).select_related("participant", "other")
    return render(request, "people/detail.html", _detail_context(request, participant, duplicates))


def _detail_context(request, participant, duplicates, **extra):
    in_care = in_advisors_care(request.user, participant)
    context = {
        "participant": participant,
        "duplicates": duplicates,
        "triage_form": TriageForm(),
        # Conversations (and their notes) stay within the advice organisation.
        "conversations": participant.conversations.select_related("advisor") if in_care else None,
        "plans": participant.plans.select_related("target_occupation"),
        # One open plan per participant: while it runs, no new plan is offered.
        "open_plan": participant.plans.open().first(),
        "can_triage": can_triage(request.user, participant),
        "can_transfer": can_transfer_participant(request.user, participant),
        "transfers": participant.transfers.select_related(
            "from_organisation", "to_organisation", "transferred_by"
        ),
    }
    return {**context, **extra}


@require_POST
@guarded(can_triage)
def triage(request, pk):
    participant = require(can_triage, request.user, get_object_or_404(Participant, pk=pk))
    form = TriageForm(request.POST)
    if form.is_valid():
        services.triage(
            participant,
            form.cleaned_data["outcome"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The triage has been saved."))
        return redirect("people:detail", pk=pk)
    return render(
        request,
        "people/detail.html",
        _detail_context(request, participant, [], triage_form=form),
        status=400,
    )


@require_POST
@guarded(can_decide_duplicates)
def decide_duplicate(request, pk):
    candidate = get_object_or_404(
        DuplicateCandidate.objects.select_related("participant", "other"), pk=pk
    )
    require(can_decide_duplicates, request.user, candidate)
    try:
        if request.POST.get("decision") == "merge":
            keep = (
                candidate.participant
                if request.POST.get("keep") == str(candidate.participant_id)
                else candidate.other
            )
            services.merge(candidate, keep=keep, by=request.user)
            messages.success(request, _("The records have been merged."))
            return redirect("people:detail", pk=keep.pk)
        services.reject_duplicate(candidate, by=request.user)
        messages.success(request, _("Marked as not a duplicate."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("people:detail", pk=candidate.participant_id)


@guarded(can_transfer_participant)
def transfer(request, pk):
    participant = get_object_or_404(Participant.objects.active(), pk=pk)
    require(can_transfer_participant, request.user, participant)
    form = TransferForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer(
                participant,
                to=form.cleaned_data["to_organisation"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("%(name)s has been transferred to %(organisation)s.")
                % {"name": participant, "organisation": form.cleaned_data["to_organisation"]},
            )
            return redirect("people:transfers")
    return render(request, "people/transfer.html", {"participant": participant, "form": form})


@guarded(can_view_transfers)
def transfers(request):
    """Transfers into and out of the advisor's organisation(s): both sides see them."""
    records = ParticipantTransfer.objects.select_related(
        "participant", "from_organisation", "to_organisation", "transferred_by"
    )
    if not request.user.has_role(Role.ADMINISTRATOR):
        own = request.user.organisation_ids_for(Role.ADVISOR)
        records = records.filter(Q(from_organisation__in=own) | Q(to_organisation__in=own))
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    return render(request, "people/transfers.html", {"page": page})
