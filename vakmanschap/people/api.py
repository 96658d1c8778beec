from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from vakmanschap.api.base import GuardedAPIView
from vakmanschap.api.fields import LookupField
from vakmanschap.api.schema import CreatedSerializer
from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS, validate_birth_date
from vakmanschap.region.models import Municipality

from . import privacy_statements, services
from .choices import EducationLevel, WorkSituation
from .models import postcode_validator
from .permissions import can_register_participant

DEFAULT_CONSENT_PURPOSE = "Begeleiding naar en financiering van scholing door het fonds"


class ParticipantInput(serializers.Serializer):
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=150)
    birth_date = serializers.DateField(validators=[validate_birth_date])
    postcode = serializers.CharField(max_length=7, validators=[postcode_validator])
    municipality_code = LookupField(
        slug_field="cbs_code",
        queryset=Municipality.objects.all(),
        error_messages={"does_not_exist": _("Unknown CBS municipality code.")},
    )
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    education_level = serializers.ChoiceField(choices=EducationLevel.choices)
    work_situation = serializers.ChoiceField(choices=WorkSituation.choices)
    current_job = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    training_wish = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=FREE_TEXT_MAX_CHARS
    )
    privacy_version = serializers.ChoiceField(
        choices=[statement.version for statement in privacy_statements.VERSIONS],
        required=False,
        help_text="The privacy statement version the resident agreed to; "
        "left out, the version in force today.",
    )


class ParticipantsView(GuardedAPIView):
    """POST /api/v1/participants (advisor): a sign-up on a resident's behalf."""

    permission_check = staticmethod(can_register_participant)

    @extend_schema(
        summary="Sign up a resident (advisor)",
        request=ParticipantInput,
        responses={201: CreatedSerializer},
    )
    def post(self, request):
        data = ParticipantInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields["municipality"] = fields.pop("municipality_code")
        fields.setdefault("privacy_version", privacy_statements.current().version)
        try:
            participant = services.register(
                by=request.user, consent_purpose=DEFAULT_CONSENT_PURPOSE, **fields
            )
        except ValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        # register() put the file in this advisor's organisation; they become its advisor.
        if participant.advisor_id is None:
            participant.advisor = request.user
            participant.save(update_fields=["advisor"])
        return Response({"id": participant.pk}, status=201)
