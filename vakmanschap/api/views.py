from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from vakmanschap.accounts.permissions import is_anyone, is_authenticated

from .models import ApiToken
from .problems import problem
from .schema import problems
from .tokens import SecondFactorError, issue_token


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(trim_whitespace=False, max_length=128)
    otp = serializers.RegexField(r"^[0-9]{6,8}$", required=False, max_length=8)
    scope = serializers.ChoiceField(choices=ApiToken.Scope.choices, default=ApiToken.Scope.WRITE)


_SECOND_FACTOR_MESSAGES = {
    "required": gettext_lazy(
        "Your role needs the second factor: send the current code of your authenticator app as otp."
    ),
    "invalid": gettext_lazy("The authenticator code (otp) is wrong or has expired."),
    "not_set_up": gettext_lazy(
        "Your role needs the second factor: set up an authenticator app on the website first."
    ),
}


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once; send it as `Authorization: Bearer …`.")
    scope = serializers.ChoiceField(choices=ApiToken.Scope.choices)
    expires_at = serializers.DateTimeField()


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="advice, fund, provider or employer")


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    roles = serializers.ListField(child=serializers.CharField())
    organisations = OrganisationRefSerializer(many=True)


class TokenView(APIView):
    """POST {"email", "password", "otp"?, "scope"?} → {"token", "scope", "expires_at"}.

    Staff roles also send their TOTP code (otp) whenever two-factor login is required, as on
    the web (vakmanschap/api/tokens.py). Failed passwords count towards the lockout.
    """

    permission_check = staticmethod(is_anyone)
    authentication_classes: list = []

    @extend_schema(
        summary="Get an API token",
        request=TokenRequestSerializer,
        responses={
            201: TokenSerializer,
            **problems(
                **{
                    "401": "The e-mail address and password do not match an account, or the "
                    "second factor (otp) is missing or wrong (`code`: required, invalid).",
                    "403": "The role needs the second factor, which is not set up yet "
                    "(`code`: not_set_up).",
                }
            ),
        },
    )
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
        try:
            record, token = issue_token(
                user,
                otp=data.validated_data.get("otp", ""),
                scope=data.validated_data["scope"],
            )
        except SecondFactorError as exc:
            status = 403 if exc.reason == "not_set_up" else 401
            return problem(status, str(_SECOND_FACTOR_MESSAGES[exc.reason]), code=exc.reason)
        return Response(
            {"token": token, "scope": record.scope, "expires_at": record.expires_at}, status=201
        )


class MeView(APIView):
    permission_check = staticmethod(is_authenticated)

    @extend_schema(summary="Who am I: e-mail, roles, organisations", responses=MeSerializer)
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


@extend_schema(exclude=True)
class SchemaView(SpectacularAPIView):
    permission_check = staticmethod(is_anyone)
    permission_classes: list = []
