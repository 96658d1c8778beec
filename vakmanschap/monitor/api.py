"""GET /api/v1/monitor/summary (monitor viewers, fund officers; small counts shown) and
GET /api/v1/open-data/summary (public; suppressed). An unknown region answers 404."""

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from vakmanschap.api.base import GuardedAPIView
from vakmanschap.api.problems import problem
from vakmanschap.api.schema import problems
from vakmanschap.region.models import LabourMarketRegion

from . import figures, opendata, sections
from .forms import FILTER_FIELDS, MonitorFilterForm
from .permissions import can_read_open_data, can_view_monitor
from .schema import MonitorSummarySerializer, OpenDataSummarySerializer


def _region(request):
    try:
        return LabourMarketRegion.objects.by_code(request.query_params.get("region") or None)
    except LabourMarketRegion.DoesNotExist:
        return None


def _date(value, name, errors):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        errors[name] = [_("Give a date as YYYY-MM-DD.")]
        return None


REGION = OpenApiParameter(
    "region", OpenApiTypes.STR, description="Region code; default: the fund's home region."
)
UNKNOWN_REGION = {"404": "There is no labour-market region with this code."}
FILTERS = [
    OpenApiParameter(
        name, OpenApiTypes.STR, description=f"As the monitor page's filter `{name}`; optional."
    )
    for name in FILTER_FIELDS
]


def _filters(request, region, errors):
    """The page's filters from the query, validated against the region's choices."""
    form = MonitorFilterForm(
        {name: request.query_params.get(name, "") for name in FILTER_FIELDS}, region
    )
    if not form.is_valid():
        errors.update(
            {k: [str(e) for e in v] for k, v in form.errors.items() if k in FILTER_FIELDS}
        )
        return None
    return form.filters()


class MonitorSummaryView(GuardedAPIView):
    permission_check = staticmethod(can_view_monitor)

    @extend_schema(
        summary="The regional monitor's figures for a period (small counts shown)",
        parameters=[
            REGION,
            OpenApiParameter("from", OpenApiTypes.DATE, required=True),
            OpenApiParameter("to", OpenApiTypes.DATE, required=True),
            *FILTERS,
        ],
        responses={200: MonitorSummarySerializer, **problems(400, **UNKNOWN_REGION)},
    )
    def get(self, request):
        region = _region(request)
        if region is None:
            return problem(404, _("There is no labour-market region with this code."))
        self.require(region)
        errors: dict = {}
        start = _date(request.query_params.get("from"), "from", errors)
        end = _date(request.query_params.get("to"), "to", errors)
        if start and end and end < start:
            errors["to"] = [_("The end date lies before the start date.")]
        if errors:
            return problem(400, _("The period is not valid."), errors)
        filters = _filters(request, region, errors)
        if errors:
            return problem(400, _("A filter is not valid."), errors)
        period = figures.Period(start, end)
        data = figures.summary(region, period, filters=filters)
        data.update(sections.sections(region, period, filters, data["completed"]))
        return Response(data)


class OpenDataSummaryView(GuardedAPIView):
    permission_check = staticmethod(can_read_open_data)
    authentication_classes: list = []

    @extend_schema(
        summary="Open data: a year's figures with small cells suppressed (public)",
        parameters=[REGION, OpenApiParameter("year", OpenApiTypes.INT, description="2019–2100")],
        responses={200: OpenDataSummarySerializer, **problems(400, **UNKNOWN_REGION)},
    )
    def get(self, request):
        region = _region(request)
        if region is None:
            return problem(404, _("There is no labour-market region with this code."))
        raw = request.query_params.get("year") or str(datetime.date.today().year)
        if not raw.isdigit() or not 2019 <= int(raw) <= 2100:
            return problem(
                400, _("The year is not valid."), {"year": [_("Give a year such as 2026.")]}
            )
        return Response(opendata.open_summary(region, int(raw)))
