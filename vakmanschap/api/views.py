from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from vakmanschap.accounts.permissions import is_anyone, is_authenticated

from .models import ApiToken
from .problems import problem


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False)


class TokenView(APIView):
    """POST {"email", "password"} → {"token"}. Failed attempts count towards the lockout."""

    permission_check = staticmethod(is_anyone)
    authentication_classes: list = []

    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=data.validated_data["email"],
            password=data.validated_data["password"],
        )
        if user is None:
            return problem(401, _("This e-mail address and password do not match an account."))
        _record, token = ApiToken.issue(user)
        return Response({"token": token}, status=201)


class MeView(APIView):
    permission_check = staticmethod(is_authenticated)

    def get(self, request):
        user = request.user
        memberships = user.memberships.select_related("organisation")
        organisations = {
            m.organisation.pk: {
                "id": m.organisation.pk,
                "name": m.organisation.name,
                "kind": m.organisation.kind,
            }
            for m in memberships
            if m.organisation
        }
        return Response(
            {
                "email": user.email,
                "roles": sorted(user.roles),
                "organisations": list(organisations.values()),
            }
        )


class SchemaView(SpectacularAPIView):
    permission_check = staticmethod(is_anyone)
    permission_classes: list = []
