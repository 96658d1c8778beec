import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vakmanschap.accounts.roles import Role
from vakmanschap.audit.services import record_event
from vakmanschap.core.access import guarded, require
from vakmanschap.funding.eligibility import RuleResult
from vakmanschap.people.models import Participant, advisor_scope

from . import services
from .forms import ErasureDecisionForm, ErasureRequestForm
from .models import ErasureRequest, ErasureStatus
from .permissions import (
    can_decide_erasure,
    can_download_own_data,
    can_process_erasure,
    can_view_erasure_requests,
)

DATA_EXPORTED = "personal_data_exported"


def _own_participant(request) -> Participant:
    participant = (
        Participant.objects.select_related("municipality", "advisor")
        .filter(user=request.user, anonymised_at__isnull=True)
        .first()
    )
    if participant is None:
        raise Http404
    return require(can_download_own_data, request.user, participant)


def _data_page(request, participant, json_url: str, for_staff: bool):
    """The same data as the JSON download, as a page with a section per kind of record."""
    record_event(DATA_EXPORTED, actor=request.user, obj=participant)
    data = services.personal_data(participant)
    for plan in data["training_plans"]:
        plan["rules"] = [RuleResult.from_dict(r) for r in plan["eligibility"]]
    return render(
        request,
        "privacy/data_page.html",
        {
            "participant": participant,
            "data": data,
            "history": services.readable_state_changes(data["state_changes"]),
            "json_url": json_url,
            "for_staff": for_staff,
        },
    )


def _json_download(request, participant) -> HttpResponse:
    record_event(DATA_EXPORTED, actor=request.user, obj=participant)
    body = json.dumps(services.personal_data(participant), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="vakmanschap-data-{participant.pk}-{stamp}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@guarded(can_download_own_data)
def my_data(request):
    participant = _own_participant(request)
    open_request = participant.erasure_requests.filter(status=ErasureStatus.OPEN).first()
    form = ErasureRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and open_request is None and form.is_valid():
        try:
            services.request_erasure(
                participant, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Your request has been received. An advisor will decide on it.")
            )
            return redirect("privacy:my_data")
    return render(
        request,
        "privacy/my_data.html",
        {"participant": participant, "form": form, "open_request": open_request},
    )


@guarded(can_download_own_data)
def my_data_download(request):
    return _json_download(request, _own_participant(request))


@guarded(can_download_own_data)
def my_data_page(request):
    participant = _own_participant(request)
    return _data_page(request, participant, reverse("privacy:my_data_download"), for_staff=False)


@guarded(can_process_erasure)
def participant_data(request, pk):
    """An access request that came in by letter or at the desk: the advisor hands the file over."""
    participant = get_object_or_404(
        Participant.objects.select_related("municipality", "advisor"), pk=pk
    )
    require(can_process_erasure, request.user, participant)
    return _json_download(request, participant)


@guarded(can_process_erasure)
def participant_data_page(request, pk):
    """The same file as a page, to read it through with the person at the desk."""
    participant = get_object_or_404(
        Participant.objects.select_related("municipality", "advisor"), pk=pk
    )
    require(can_process_erasure, request.user, participant)
    json_url = reverse("privacy:participant_data", args=[participant.pk])
    return _data_page(request, participant, json_url, for_staff=True)


@guarded(can_view_erasure_requests)
def erasure_list(request):
    requests = ErasureRequest.objects.select_related("participant", "requested_by").order_by(
        "status", "requested_at"
    )
    if not request.user.has_role(Role.FUND_OFFICER):
        requests = requests.filter(advisor_scope(request.user, "participant__"))
    status = request.GET.get("status", ErasureStatus.OPEN)
    if status in ErasureStatus.values:
        requests = requests.filter(status=status)
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/erasure_list.html",
        {"page": page, "status": status, "statuses": ErasureStatus.choices},
    )


@guarded(can_process_erasure)
def erasure_new(request, pk):
    participant = get_object_or_404(Participant.objects.active(), pk=pk)
    require(can_process_erasure, request.user, participant)
    form = ErasureRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = services.request_erasure(
                participant, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("privacy:erasure_detail", pk=erasure.pk)
    return render(request, "privacy/erasure_new.html", {"form": form, "participant": participant})


@guarded(can_view_erasure_requests)
def erasure_detail(request, pk):
    erasure = get_object_or_404(
        ErasureRequest.objects.select_related("participant", "decided_by"), pk=pk
    )
    require(can_view_erasure_requests, request.user, erasure)
    may_decide = can_decide_erasure(request.user, erasure)
    form = ErasureDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not may_decide:
        form.is_valid()
        form.add_error(
            None,
            _(
                "You recorded this request, so someone else must decide it: another advisor "
                "of the organisation or a fund officer."
            ),
        )
    elif request.method == "POST" and erasure.status == ErasureStatus.OPEN and form.is_valid():
        try:
            services.decide_erasure(
                erasure,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["decision_reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The decision has been saved."))
            return redirect("privacy:erasure_detail", pk=erasure.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "privacy/erasure_detail.html",
        {
            "erasure": erasure,
            "form": form,
            "may_decide": may_decide,
            "may_download": can_process_erasure(request.user, erasure),
        },
        status=status,
    )
