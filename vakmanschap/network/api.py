"""API of the employers' network, and a base view for object-level checks in API views."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import APIView

from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.api.problems import problem
from vakmanschap.audit.services import record_permission_denied
from vakmanschap.core.access import ObjectAccessDenied, require
from vakmanschap.organisations.models import Organisation

from .models import Commitment, EmployerProfile, NetworkMembership
from .permissions import can_view_employer


class GuardedAPIView(APIView):
    """Set `permission_check = staticmethod(<named function>)`: DRF applies it through
    vakmanschap.api.permissions.NamedPermission (after bearer-token or session authentication),
    and `self.require(obj)` applies it to the object, answering 404 without data."""

    permission_check = None

    def require(self, obj, check=None):
        return require(check or self.permission_check, self.request.user, obj)

    def employer(self, pk, check=None):
        organisation = get_object_or_404(Organisation, pk=pk, kind=OrganisationKind.EMPLOYER)
        return self.require(organisation, check)

    def handle_exception(self, exc):
        if isinstance(exc, ObjectAccessDenied):
            # Nothing has been written yet; record the denial and answer 404 without data.
            record_permission_denied(self.request.user, exc.check_name, exc.obj, path=self.request.path)
            return problem(404, _("Not found."))
        return super().handle_exception(exc)


class EmployerView(GuardedAPIView):
    """GET /api/v1/employers/{id}: profile and pledge (own staff and the fund)."""

    permission_check = staticmethod(can_view_employer)

    def get(self, request, pk):
        organisation = self.employer(pk)
        profile = EmployerProfile.objects.filter(organisation=organisation).first()
        membership = NetworkMembership.objects.filter(organisation=organisation).first()
        return Response({
            "id": organisation.pk,
            "name": organisation.name,
            "kvk_number": organisation.kvk_number,
            "municipality": organisation.municipality.name if organisation.municipality else None,
            "sector": profile.sector if profile else None,
            "size_class": profile.size_class if profile else None,
            "membership": {
                "start_date": membership.start_date,
                "renewal_date": membership.renewal_date,
                "public_listing": membership.public_listing,
                "commitments": [c.value for c in Commitment if getattr(membership, c.value)],
            } if membership else None,
        })
