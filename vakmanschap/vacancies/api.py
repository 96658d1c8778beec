"""API of vacancies: an employer's vacancies and learning-work places."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from vakmanschap.api.problems import problem
from vakmanschap.esco.models import Concept, ConceptKind
from vakmanschap.network.api import EmployerAPIView
from vakmanschap.region.models import Municipality

from . import services as vacancies
from .models import Vacancy
from .permissions import can_manage_vacancies


class VacancySerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=60)
    municipality = serializers.CharField(max_length=100)
    start_date = serializers.DateField()
    bbl = serializers.BooleanField(default=False)
    is_open = serializers.BooleanField(default=True)
    occupation_uri = serializers.CharField(max_length=255, required=False)

    def validate_municipality(self, value):
        found = Municipality.objects.filter(Q(cbs_code=value) | Q(name__iexact=value)).first()
        if found is None:
            raise serializers.ValidationError(gettext_lazy("Unknown municipality."))
        return found

    def validate_occupation_uri(self, value):
        found = Concept.objects.filter(uri=value, kind=ConceptKind.OCCUPATION).first()
        if found is None:
            raise serializers.ValidationError(gettext_lazy("Unknown ESCO occupation."))
        return found


class MatchedOccupationSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField()
    score = serializers.FloatField(allow_null=True)


class VacancyRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    occupation = MatchedOccupationSerializer(allow_null=True)
    hours_per_week = serializers.IntegerField()
    municipality = serializers.CharField()
    start_date = serializers.DateField()
    bbl = serializers.BooleanField()
    is_open = serializers.BooleanField()


class VacancyListSerializer(serializers.Serializer):
    vacancies = VacancyRowSerializer(many=True)


class VacancyListView(EmployerAPIView):
    """GET/POST /api/v1/employers/{id}/vacancies (own staff and the fund).

    POST {"title", "hours_per_week", "municipality" (CBS code or name), "start_date",
    "bbl", "is_open", "occupation_uri" (optional: else the engine matches the title)}.
    """

    permission_check = staticmethod(can_manage_vacancies)

    @extend_schema(summary="An employer's vacancies", responses=VacancyListSerializer)
    def get(self, request, pk):
        organisation = self.employer(pk)
        return Response({"vacancies": vacancies.vacancy_rows(organisation)})

    @extend_schema(
        summary="Open a vacancy; the title is matched to an ESCO occupation",
        request=VacancySerializer,
        responses={201: VacancyRowSerializer},
    )
    def post(self, request, pk):
        organisation = self.employer(pk)
        serializer = VacancySerializer(data=request.data)
        if not serializer.is_valid():
            return problem(400, _("The vacancy is not valid."), errors=serializer.errors)
        data = dict(serializer.validated_data)
        chosen = data.pop("occupation_uri", None)
        vacancy = Vacancy(organisation=organisation, **data)
        try:
            vacancies.save_vacancy(vacancy, chosen_occupation=chosen, by=request.user)
        except ValidationError as error:
            return problem(
                400,
                _("The vacancy is not valid."),
                errors=getattr(error, "message_dict", {"__all__": error.messages}),
            )
        return Response(vacancies.api_row(vacancy), status=201)
