"""API of employer-backed training: an employer's nominations, status only."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from vakmanschap.network.api import EmployerAPIView

from . import services as nominations
from .permissions import can_nominate


class NominationRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    current_job = serializers.CharField(allow_blank=True)
    target_occupation = serializers.CharField()
    hours_now = serializers.IntegerField(allow_null=True)
    extra_hours_offer = serializers.IntegerField(allow_null=True)
    co_financing_cents = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()


class NominationListSerializer(serializers.Serializer):
    nominations = NominationRowSerializer(many=True)


class NominationListView(EmployerAPIView):
    """GET /api/v1/employers/{id}/nominations: the employer's own input and a status only."""

    permission_check = staticmethod(can_nominate)

    @extend_schema(
        summary="The employer's nominations with their status",
        responses=NominationListSerializer,
    )
    def get(self, request, pk):
        organisation = self.employer(pk)
        return Response(
            {
                "nominations": [
                    {
                        k: row[k]
                        for k in (
                            "id",
                            "name",
                            "current_job",
                            "target_occupation",
                            "hours_now",
                            "extra_hours_offer",
                            "co_financing_cents",
                            "status",
                            "status_label",
                        )
                    }
                    for row in nominations.employer_rows(organisation)
                ]
            }
        )
