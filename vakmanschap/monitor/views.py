import csv
import datetime
import io
import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vakmanschap.core.access import guarded, require
from vakmanschap.funding.models import FunderKind
from vakmanschap.region.models import LabourMarketRegion

from . import (
    charts,
    figures,
    maps,
    network_figures,
    opendata,
    opendata_filters,
    potential,
    shortages,
    summary_tables,
    welfare,
)
from .forms import MonitorFilterForm, OpenDataForm, YearForm
from .permissions import can_read_open_data, can_view_monitor

STEP_LABELS = {
    "signed_up": gettext_lazy("Signed up"),
    "conversations": gettext_lazy("Career conversation"),
    "plans_approved": gettext_lazy("Plan approved"),
    "started": gettext_lazy("Started training"),
    "completed": gettext_lazy("Completed"),
    "in_work_6m": gettext_lazy("In work after 6 months"),
    "in_work_12m": gettext_lazy("In work after 12 months"),
}


def region_or_404(code) -> LabourMarketRegion:
    try:
        return LabourMarketRegion.objects.by_code(code or None)
    except LabourMarketRegion.DoesNotExist:
        raise Http404 from None


def _charts(data: dict, region=None) -> dict:
    steps = [(str(STEP_LABELS[s["key"]]), s["count"]) for s in data["funnel"]]
    return {
        "funnel_svg": charts.bars_svg(
            steps, _("Funnel"), _("People per step; the numbers are in the table."), "funnel"
        ),
        "municipality_svg": charts.bars_svg(
            [(m["name"], m["signed_up"]) for m in data["by_municipality"]],
            _("Sign-ups per municipality"),
            _("The numbers are in the table."),
            "municipalities",
        ),
        "map_svg": maps.choropleth_svg(
            data["by_municipality"],
            "signed_up",
            _("Map of sign-ups per municipality"),
            _("Darker means more sign-ups; grey means hidden. The numbers are in the table."),
            _("Map: CBS / PDOK, CC BY 4.0"),
            context=region.municipalities.values_list("cbs_code", "name") if region else (),
        ),
        "year_svg": charts.progress_svg(
            data["trained_this_year"] or 0,
            data["goal_per_year"],
            data["forecast_this_year"],
            _("People trained this year against the goal"),
            "goal-year",
        ),
        "total_svg": charts.progress_svg(
            data["trained_total"] or 0,
            data["goal_total"],
            None,
            _("People trained in total against the goal"),
            "goal-total",
        ),
    }


def _funders(money: dict, cents: bool) -> list[dict]:
    """The money per funder with its label, amounts in cents for `|euros` (open data has
    rounded euros)."""
    keys = ("allocated", "reserved", "committed", "paid")
    return [
        {
            "label": FunderKind(row["funder"]).label,
            **{key: row[key] if cents or row[key] is None else row[key] * 100 for key in keys},
        }
        for row in money["by_funder"]
    ]


def _labelled(data: dict) -> dict:
    for step in data["funnel"]:
        step["label"] = STEP_LABELS[step["key"]]
    for row in data["by_target_group"]:
        row["label"] = row["label"] or _("Others")
    return data


@guarded(can_view_monitor)
def monitor(request):
    region = require(can_view_monitor, request.user, region_or_404(request.GET.get("region")))
    form = MonitorFilterForm(request.GET or None, region)
    period = figures.Period(
        *(
            (form.cleaned_data["date_from"], form.cleaned_data["date_to"])
            if form.is_bound and form.is_valid()
            else (
                datetime.date.today().replace(month=1, day=1),
                datetime.date.today().replace(month=12, day=31),
            )
        )
    )
    filters = form.filters()
    data = _labelled(figures.summary(region, period, filters=filters))
    reach = potential.against_reach(region, period, filters)
    shortage = shortages.by_occupation(region, period, filters)
    network = network_figures.network(region, period)
    welfare_marks = welfare.marks(region, period)
    return render(
        request,
        "monitor/monitor.html",
        {
            "filters": filters,
            "form": form,
            "region": region,
            "data": data,
            "funders": _funders(data["money"], cents=True),
            "period": period,
            "start_role": getattr(request, "start_role", ""),
            "potential": reach,
            "potential_svg": charts.bars_svg(
                [(r.name, r.per_thousand) for r in reach if r.per_thousand is not None],
                _("Target groups reached per 1,000 of the untapped labour potential"),
                _("Per municipality; the numbers are in the table."),
                "potential",
            ),
            "shortages": shortage,
            "shortages_svg": charts.bars_svg(
                [(row["sector"] or "–", row["trained"]) for row in shortage["sectors"]],
                _("People trained per shortage sector"),
                _("The numbers, with the open vacancies, are in the table."),
                "shortages",
            ),
            "network": network,
            "network_svg": _network_chart(network),
            "welfare_marks": welfare_marks,
            "welfare_svg": _welfare_chart(welfare_marks),
            "well_being": welfare.well_being(region, period, filters),
            "figures_as_of": summary_tables.figures_as_of(),
            **_charts(data, region),
        },
    )


def _network_chart(network: dict) -> str:
    scores = network["region"]["scores"]
    if not scores:
        return ""
    return charts.bars_svg(
        [(d["label"], scores.get(d["key"])) for d in network["dimensions"]],
        _("Scan scores of the region's companies per dimension (0–100)"),
        _("The scores per sector are in the table."),
        "network",
    )


def _welfare_chart(marks: list[dict]) -> str:
    """The latest year's marks of the first source (Bruto Twents Geluk when imported)."""
    if not marks:
        return ""
    source = marks[0]
    return charts.bars_svg(
        [(str(d["label"]), d["marks"][-1]) for d in source["dimensions"]],
        _("Broad-welfare marks in %(year)s (1–10)") % {"year": source["years"][-1]},
        _("%(source)s; all years are in the table.") % {"source": source["label"]},
        "welfare",
    )


@guarded(can_read_open_data)
def open_data(request):
    region = region_or_404(request.GET.get("region"))
    form = OpenDataForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else datetime.date.today().year
    data = _labelled(opendata.open_summary(region, year))
    chosen = form.chosen_filter()
    filtered = opendata_filters.filtered_summary(data, region, year, *chosen) if chosen else None
    return render(
        request,
        "monitor/open_data.html",
        {
            "form": form,
            "region": region,
            "data": data,
            "filtered": filtered,
            "funders": _funders(data["money"], cents=False),
            "year": year,
            "figures_as_of": summary_tables.figures_as_of(),
            **_charts(data),
        },
    )


@guarded(can_read_open_data)
def open_data_download(request, fmt):
    region = region_or_404(request.GET.get("region"))
    form = YearForm(request.GET or None)
    if not form.is_valid():
        raise Http404
    year = form.cleaned_data["year"]
    data = opendata.open_summary(region, year)
    name = f"open-data-{region.code}-{year}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
        )
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["region", "year", "group", "key", "name", "signed_up", "completed"])
        for row in data["by_quarter"]:
            writer.writerow(
                [
                    region.code,
                    year,
                    "quarter",
                    row["quarter"],
                    "",
                    row["signed_up"],
                    row["completed"],
                ]
            )
        for row in data["by_municipality"]:
            writer.writerow(
                [
                    region.code,
                    year,
                    "municipality",
                    row["code"],
                    row["name"],
                    row["signed_up"],
                    row["completed"],
                ]
            )
        writer.writerow([region.code, year, "total", "", "", data["signed_up"], data["completed"]])
        for row in data["shortages"]["by_sector"]:  # completed: trained towards the sector
            writer.writerow(
                [region.code, year, "shortage_sector", row["sector"], "", "", row["trained"]]
            )
        other = data["shortages"]["other_occupations"]
        writer.writerow([region.code, year, "shortage_sector", "other", "", "", other])
        for row in data["labour_potential"]:  # signed_up: of the target groups
            writer.writerow(
                [
                    region.code,
                    year,
                    "target_groups_reached",
                    row["code"],
                    row["name"],
                    row["reached"]["total"],
                    "",
                ]
            )
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
