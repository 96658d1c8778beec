"""API of the scan: the questionnaire, taking a scan, the report."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from vakmanschap.api.base import GuardedAPIView
from vakmanschap.api.problems import problem
from vakmanschap.api.schema import problems
from vakmanschap.network.api import EmployerAPIView

from . import services
from .permissions import can_read_questionnaire, can_take_scan, can_view_scan_report


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    reverse = serializers.BooleanField(help_text="Reverse-scored: 6 − answer counts.")


class DimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    items = ItemSerializer(many=True)


class QuestionnaireSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    dimensions = DimensionSerializer(many=True)


class ScanResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    scores = serializers.DictField(child=serializers.FloatField(), help_text="0–100 per dimension.")


class ScanRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()


class BenchmarkSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=["sector_size", "network"])
    peer_count = serializers.IntegerField()
    median = serializers.DictField(child=serializers.IntegerField())


class AdviceLinkSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField()


class AdviceSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    links = AdviceLinkSerializer(many=True)


class BasisSerializer(serializers.Serializer):
    aggregated = serializers.BooleanField()
    respondents = serializers.IntegerField()
    employee_responses = serializers.IntegerField()
    open = serializers.BooleanField()


class ScanReportSerializer(serializers.Serializer):
    scan = ScanRefSerializer(required=False, help_text="Absent while no scan has scores.")
    scores = serializers.DictField(child=serializers.FloatField())
    benchmark = BenchmarkSerializer(allow_null=True)
    advice = AdviceSerializer(many=True)
    basis = BasisSerializer(allow_null=True)


class QuestionnaireView(GuardedAPIView):
    """GET /api/v1/scan/questionnaire: the current version, in the request's language."""

    permission_check = staticmethod(can_read_questionnaire)

    @extend_schema(
        summary="The current questionnaire (public)",
        responses={
            200: QuestionnaireSerializer,
            **problems(**{"404": "No questionnaire has been published yet."}),
        },
    )
    def get(self, request):
        try:
            questionnaire = services.current_questionnaire()
        except services.NoQuestionnaire:
            return problem(404, _("No questionnaire has been published yet."))
        return Response(
            {
                "version": questionnaire.version,
                "dimensions": [
                    {
                        "key": d.key,
                        "label": d.label,
                        "items": [
                            {"id": i.pk, "text": i.text, "reverse": i.reverse} for i in items
                        ],
                    }
                    for d, items in questionnaire.structure()
                ],
            }
        )


class ScanInput(serializers.Serializer):
    answers = serializers.DictField(help_text='{"<item id>": 1..5} for every statement')


class ScansView(EmployerAPIView):
    """POST /api/v1/employers/{id}/scans: management takes a new scan."""

    permission_check = staticmethod(can_take_scan)

    @extend_schema(
        summary="Take a new scan as management",
        request=ScanInput,
        responses={201: ScanResultSerializer},
    )
    def post(self, request, pk):
        organisation = self.employer(pk)
        data = ScanInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            scan = services.start_scan(organisation, request.user, data.validated_data["answers"])
        except services.AnswerErrors as error:
            raise ValidationError({"answers": error.errors}) from error
        except services.NoQuestionnaire as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error
        return Response({"id": scan.pk, "scores": scan.scores}, status=status.HTTP_201_CREATED)


class ScanReportView(EmployerAPIView):
    """GET /api/v1/employers/{id}/scan-report: latest scores, benchmark (or null), advice."""

    permission_check = staticmethod(can_view_scan_report)

    @extend_schema(summary="The latest scan report", responses=ScanReportSerializer)
    def get(self, request, pk):
        organisation = self.employer(pk)
        data = services.report(organisation)
        if data is None:
            return Response({"scores": {}, "benchmark": None, "advice": [], "basis": None})
        return Response(
            {
                "scan": {
                    "id": data["scan"].pk,
                    "date": timezone.localdate(data["scan"].created_at),
                },
                "scores": data["scores"],
                "benchmark": data["benchmark"],
                "advice": [
                    {
                        "dimension": a["dimension"],
                        "text": a["text"],
                        "links": [
                            {"label": link["label"], "url": link["url"]} for link in a["links"]
                        ],
                    }
                    for a in data["advice"]
                ],
                "basis": data["basis"],
            }
        )
