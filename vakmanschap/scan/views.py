from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.core.access import guarded, require
from vakmanschap.core.presentation import format_day
from vakmanschap.network.permissions import is_fund_staff
from vakmanschap.organisations.models import Organisation

from . import charts, services
from .forms import InviteEmployeesForm, ScanForm
from .models import RespondentLink, Response, Scan
from .permissions import (
    can_manage_scan,
    can_take_scan,
    can_use_respondent_link,
    can_view_scan_report,
)


def _employer(request, pk, check):
    organisation = get_object_or_404(
        Organisation.objects.select_related("employer_profile"),
        pk=pk,
        kind=OrganisationKind.EMPLOYER,
    )
    return require(check, request.user, organisation)


@guarded(can_view_scan_report)
def index(request):
    employers = Organisation.objects.of_kind(OrganisationKind.EMPLOYER).order_by("name")
    if not is_fund_staff(request.user):
        employers = employers.filter(
            memberships__user=request.user, memberships__role=Role.EMPLOYER_STAFF
        ).distinct()
        if len(employers) == 1:
            return redirect("scan:employer", pk=employers[0].pk)
    rows = [
        (e, e.scans.filter(respondent_count__gt=0).order_by("-created_at").first())
        for e in employers
    ]
    return render(request, "scan/index.html", {"rows": rows})


@guarded(can_view_scan_report)
def employer(request, pk):
    organisation = _employer(request, pk, can_view_scan_report)
    scans = organisation.scans.order_by("-created_at")
    return render(
        request,
        "scan/employer.html",
        {
            "organisation": organisation,
            "scans": scans,
            "can_take": can_take_scan(request.user, organisation),
        },
    )


@guarded(can_take_scan)
def take(request, pk):
    organisation = _employer(request, pk, can_take_scan)
    try:
        questionnaire = services.current_questionnaire()
    except services.NoQuestionnaire as error:
        messages.error(request, str(error))
        return redirect("scan:employer", pk=organisation.pk)
    form = ScanForm(
        request.POST if request.method == "POST" else None, structure=questionnaire.structure()
    )
    if request.method == "POST" and form.is_valid():
        scan = services.start_scan(
            organisation, request.user, {int(k): v for k, v in form.answers().items()}
        )
        messages.success(
            request,
            _("Thank you. Your answers have been saved; invite your employees to add theirs."),
        )
        return redirect("scan:report", pk=scan.organisation_id)
    return render(
        request,
        "scan/take.html",
        {"form": form, "organisation": organisation, "questionnaire": questionnaire},
    )


def _scan(request, pk):
    scan = get_object_or_404(Scan.objects.select_related("organisation"), pk=pk)
    return require(can_manage_scan, request.user, scan)


@guarded(can_manage_scan)
def detail(request, pk):
    scan = _scan(request, pk)
    return render(
        request,
        "scan/detail.html",
        {
            "scan": scan,
            "organisation": scan.organisation,
            "employee_responses": scan.responses.filter(kind=Response.Kind.EMPLOYEE).count(),
            "open_links": scan.links.usable().count(),
            "form": InviteEmployeesForm(),
        },
    )


@guarded(can_manage_scan)
def invite(request, pk):
    scan = _scan(request, pk)
    if not scan.is_open:
        raise Http404
    form = InviteEmployeesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        links = services.invite_employees(
            scan,
            form.cleaned_data["emails"],
            form.cleaned_data["extra_links"] or 0,
            lambda token: request.build_absolute_uri(reverse("scan:respond", args=[token])),
        )
        if form.cleaned_data["emails"]:
            messages.success(request, _("The invitations have been sent."))
        if links:
            return render(request, "scan/links.html", {"scan": scan, "links": links})
        return redirect("scan:detail", pk=scan.pk)
    return render(
        request,
        "scan/detail.html",
        {
            "scan": scan,
            "organisation": scan.organisation,
            "form": form,
            "employee_responses": scan.responses.filter(kind=Response.Kind.EMPLOYEE).count(),
            "open_links": scan.links.usable().count(),
        },
    )


@guarded(can_manage_scan)
def close(request, pk):
    scan = _scan(request, pk)
    if request.method == "POST" and scan.is_open:
        services.close_scan(scan)
        messages.success(request, _("The scan has been closed."))
    return redirect("scan:report", pk=scan.organisation_id)


def _chart_context(data):
    dimensions = data["dimensions"]
    labels = [d.label for d in dimensions]
    keys = [d.key for d in dimensions]
    series = [{"label": _("Your score"), "values": [data["scores"][k] for k in keys]}]
    if data["benchmark"]:
        series.append(
            {
                "label": _("Median of comparable companies"),
                "values": [data["benchmark"]["median"][k] for k in keys],
                "dashed": True,
            }
        )
    radar = charts.radar_svg(
        labels,
        series,
        _("Scores per dimension"),
        _("Radar chart of the scores from 0 to 100; the table below gives the same numbers."),
    )
    history = data["history"]
    progress = (
        charts.line_svg(
            [format_day(h["date"]) for h in history],
            [
                {"label": d.label, "values": [h["scores"].get(d.key) for h in history]}
                for d in dimensions
            ],
            _("Progress over time"),
            _(
                "Line chart of the scores per dimension at each scan; the table below gives the same numbers."
            ),
        )
        if len(history) > 1
        else ""
    )
    rows = []
    for d in dimensions:
        k = d.key
        rows.append(
            {
                "label": d.label,
                "score": data["scores"][k],
                "median": data["benchmark"]["median"][k] if data["benchmark"] else None,
                "strength": k in data["strengths"],
                "weak": k in data["weak_spots"],
                "history": [h["scores"].get(k) for h in history],
            }
        )
    return {"radar": radar, "progress": progress, "rows": rows}


@guarded(can_view_scan_report)
def report(request, pk):
    organisation = _employer(request, pk, can_view_scan_report)
    data = services.report(organisation)
    context = {
        "organisation": organisation,
        "data": data,
        "can_take": can_take_scan(request.user, organisation),
    }
    if data:
        context.update(_chart_context(data))
        labels = {d.key: d.label for d in data["dimensions"]}
        context["strengths"] = [labels[k] for k in data["strengths"]]
        context["weak_spots"] = [labels[k] for k in data["weak_spots"]]
    return render(request, "scan/report.html", context)


@guarded(can_use_respondent_link)
def respond(request, token):
    link = RespondentLink.for_token(token)
    if link is None:
        raise Http404
    if not can_use_respondent_link(request.user, link):
        return render(request, "scan/link_invalid.html", status=410)
    form = ScanForm(
        request.POST if request.method == "POST" else None,
        structure=link.scan.questionnaire.structure(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_employee_response(token, {int(k): v for k, v in form.answers().items()})
        except services.LinkNotUsable:
            return render(request, "scan/link_invalid.html", status=410)
        return render(request, "scan/thanks.html", {"organisation": link.scan.organisation})
    return render(
        request,
        "scan/respond.html",
        {
            "form": form,
            "organisation": link.scan.organisation,
            "questionnaire": link.scan.questionnaire,
        },
    )
