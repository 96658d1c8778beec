"""API of the employers' network."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.api.base import GuardedAPIView
from vakmanschap.organisations.models import Organisation

from .models import Commitment, EmployerProfile, NetworkMembership
from .permissions import can_view_employer


class MembershipSerializer(serializers.Serializer):
    start_date = serializers.DateField()
    renewal_date = serializers.DateField()
    public_listing = serializers.BooleanField()
    commitments = serializers.ListField(child=serializers.CharField())


class EmployerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kvk_number = serializers.CharField(allow_blank=True)
    municipality = serializers.CharField(allow_null=True)
    sector = serializers.CharField(allow_null=True, help_text="SBI main section, A–U.")
    size_class = serializers.CharField(allow_null=True)
    membership = MembershipSerializer(allow_null=True, help_text="The iKBiNDR pledge.")


class EmployerAPIView(GuardedAPIView):
    """An API view about one employer: `self.employer(pk)` applies the object-level check."""

    def employer(self, pk, check=None):
        organisation = get_object_or_404(Organisation, pk=pk, kind=OrganisationKind.EMPLOYER)
        return self.require(organisation, check)


class EmployerView(EmployerAPIView):
    """GET /api/v1/employers/{id}: profile and pledge (own staff and the fund)."""

    permission_check = staticmethod(can_view_employer)

    @extend_schema(summary="An employer's profile and pledge", responses=EmployerSerializer)
    def get(self, request, pk):
        organisation = self.employer(pk)
        profile = EmployerProfile.objects.filter(organisation=organisation).first()
        membership = NetworkMembership.objects.filter(organisation=organisation).first()
        return Response(
            {
                "id": organisation.pk,
                "name": organisation.name,
                "kvk_number": organisation.kvk_number,
                "municipality": organisation.municipality.name
                if organisation.municipality
                else None,
                "sector": profile.sector if profile else None,
                "size_class": profile.size_class if profile else None,
                "membership": {
                    "start_date": membership.start_date,
                    "renewal_date": membership.renewal_date,
                    "public_listing": membership.public_listing,
                    "commitments": [c.value for c in Commitment if getattr(membership, c.value)],
                }
                if membership
                else None,
            }
        )
