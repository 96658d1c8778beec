"""The OpenAPI contract (drf-spectacular): bearer auth, problem+json errors, Idempotency-Key.

Every operation declares its request and success bodies with `extend_schema`; the error
answers every operation can give (401/403 without a token or the role, 404 for an id that is
not yours, 400/415/422 for writes, 429 when throttled) are added here, so that no view can
forget them. `docs/openapi.yaml` is the committed result; a test fails when the code differs.
"""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .problems import PROBLEM_CONTENT_TYPE

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

STANDARD_PROBLEMS = {
    400: "The request has invalid fields; `errors` names them.",
    401: "No valid token (or the token expired).",
    403: "The token's user lacks the role for this operation.",
    404: "Not found, or not yours: another organisation's object answers the same.",
    413: "The body is too large.",
    415: "The body's media type is not accepted.",
    422: "This Idempotency-Key was used for another request.",
    429: "Too many requests; `Retry-After` says when to try again.",
}


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details; `errors` maps field names to messages."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.JSONField(), required=False)
    code = serializers.CharField(
        required=False, help_text="Token requests only: why the second factor failed."
    )
    attempts_left = serializers.IntegerField(
        required=False, help_text="Cheque redemption only: wrong codes left before the lock."
    )

    class Meta:
        ref_name = "Problem"


class CreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()


def problems(*codes: int, **described: str) -> dict:
    """Responses for `extend_schema(responses=…)`: e.g. `problems(409)` or
    `problems(**{"409": "The plan is not in draft."})`."""
    result = {code: STANDARD_PROBLEMS.get(code, "") for code in codes}
    result.update({int(code): text for code, text in described.items()})
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description=text)
        for code, text in result.items()
    }


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optional, at most 200 characters. Sending the same write again with the same key "
        "and body gives the first answer again (header `Idempotent-Replayed: true`) and does "
        "nothing twice; the same key with another body answers 422."
    ),
)


def is_public(view) -> bool:
    """Public when the view's own permission function lets an anonymous visitor in."""
    check = getattr(view, "permission_check", None)
    return bool(check and check(AnonymousUser()))


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "vakmanschap.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `POST /api/v1/auth/token`, sent as "
            "`Authorization: Bearer <token>`.",
        }


class CentsFieldSchema(OpenApiSerializerFieldExtension):
    """core.money.CentsField: a whole number of cents within the field's bounds."""

    target_class = "vakmanschap.core.money.CentsField"

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "integer",
            "format": "int64",
            "minimum": self.target.min_cents,
            "maximum": self.target.max_cents,
            "description": "Whole euro cents (125000 = €1,250.00).",
        }


class ContractSchema(AutoSchema):
    """AutoSchema plus the answers and headers every operation shares."""

    def get_auth(self):
        auths = super().get_auth()
        if is_public(self.view):
            auths.append({})  # public: no token needed
        return auths

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in WRITE_METHODS and hasattr(self.view, "secret_fields"):
            parameters.append(IDEMPOTENCY_KEY)
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._standard_problem_codes():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    ProblemSerializer, str(code), [PROBLEM_CONTENT_TYPE], direction
                )
                responses[str(code)]["description"] = STANDARD_PROBLEMS[code]
        return dict(sorted(responses.items()))

    def _standard_problem_codes(self) -> list[int]:
        codes = [429]
        if not is_public(self.view):
            codes += [401, 403]
        if self.method in WRITE_METHODS:
            codes += [400, 413, 415]
            if hasattr(self.view, "secret_fields"):  # GuardedAPIView: Idempotency-Key
                codes.append(422)
        if "{" in self.path:
            codes.append(404)
        return codes
