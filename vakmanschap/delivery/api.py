"""The provider's and the fund's delivery API (/api/v1/cheques/…, /api/v1/invoices…).
Thin: the services in delivery/services.py and delivery/invoicing.py decide."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from vakmanschap.api.base import GuardedAPIView
from vakmanschap.api.problems import problem
from vakmanschap.api.schema import problems
from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS, validate_period_date
from vakmanschap.core.money import CentsField
from vakmanschap.funding.models import Cheque

from . import invoicing, services
from .models import Invoice
from .permissions import can_act_on_cheque, can_check_invoices, can_manage_payments


def _refused(error: services.DeliveryError):
    errors = {error.field: [error.message]} if error.field else None
    return problem(error.status, error.message, errors=errors)


class ChequeStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    attendance_percent = serializers.IntegerField(allow_null=True)
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Said at once, e.g. attendance below the scheme's minimum; nothing refused.",
    )


REFUSED = problems(**{"409": "Not allowed in the cheque's or invoice's current state."})


class ChequeActionView(GuardedAPIView):
    """POST /api/v1/cheques/{id}/<action> by the cheque's own provider. Another provider's
    cheque answers 404, like an unknown one."""

    permission_check = staticmethod(can_act_on_cheque)
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class: type[serializers.Serializer] = serializers.Serializer

    @extend_schema(responses={200: ChequeStateSerializer, **REFUSED})
    def post(self, request, pk):
        cheque = self.require(get_object_or_404(Cheque, pk=pk))
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                cheque = self.act(cheque, request.user, **data.validated_data)
        except services.DeliveryError as error:
            return _refused(error)
        cheque = Cheque.objects.select_related("plan__scheme").get(pk=cheque.pk)
        warning = services.attendance_warning(cheque)
        return Response(
            {
                "id": cheque.pk,
                "status": cheque.state,
                "attendance_percent": cheque.attendance_percent,
                "warnings": [warning] if warning else [],
            }
        )


class StartInput(serializers.Serializer):
    start_date = serializers.DateField(required=False, validators=[validate_period_date])


@extend_schema_view(post=extend_schema(summary="Declare the start (provider)", request=StartInput))
class StartView(ChequeActionView):
    """Without a `start_date`, the confirmed start date, else today."""

    serializer_class = StartInput

    def act(self, cheque, user, start_date=None):
        start_date = start_date or cheque.start_date or timezone.localdate()
        return services.declare_start(cheque, by=user, start_date=start_date)


class AttendanceInput(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100)
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=FREE_TEXT_MAX_CHARS
    )


@extend_schema_view(
    post=extend_schema(summary="Record the attendance (provider)", request=AttendanceInput)
)
class AttendanceView(ChequeActionView):
    serializer_class = AttendanceInput

    def act(self, cheque, user, percent, reason):
        return services.record_attendance(cheque, by=user, percent=percent, reason=reason)


class CompleteInput(serializers.Serializer):
    certificate = serializers.FileField()
    percent = serializers.IntegerField(min_value=0, max_value=100, required=False)


@extend_schema_view(
    post=extend_schema(
        summary="Complete the course with a certificate (provider)",
        request={"multipart/form-data": CompleteInput},
    )
)
class CompleteView(ChequeActionView):
    """Multipart: `certificate` (PDF, at most 5 MB) and optionally the final `percent`."""

    serializer_class = CompleteInput

    def act(self, cheque, user, certificate, percent=None):
        return services.complete(cheque, by=user, certificate=certificate, percent=percent)


class DropOutInput(serializers.Serializer):
    reason = serializers.CharField(max_length=FREE_TEXT_MAX_CHARS)


@extend_schema_view(
    post=extend_schema(summary="Report a drop-out (provider)", request=DropOutInput)
)
class DropOutView(ChequeActionView):
    serializer_class = DropOutInput

    def act(self, cheque, user, reason):
        return services.drop_out(cheque, by=user, reason=reason)


def invoice_body(invoice) -> dict:
    return {
        "id": invoice.pk,
        "cheque": invoice.cheque_id,
        "status": invoice.state,
        "amount_cents": invoice.amount_cents,
        "payable_cents": invoice.payable_cents,
    }


class InvoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cheque = serializers.IntegerField()
    status = serializers.CharField()
    amount_cents = serializers.IntegerField()
    payable_cents = serializers.IntegerField(
        allow_null=True, help_text="What the fund pays; set on approval."
    )


class InvoiceInput(serializers.Serializer):
    cheque = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    amount_cents = CentsField(min_cents=1)
    number = serializers.CharField(
        max_length=Invoice._meta.get_field("number").max_length, required=False
    )
    is_final = serializers.BooleanField(required=False, default=False)


class InvoicesView(GuardedAPIView):
    """POST /api/v1/invoices (provider) {"cheque", "amount_cents"[, "number", "is_final"]}."""

    permission_check = staticmethod(can_act_on_cheque)

    @extend_schema(
        summary="Invoice a cheque (provider)",
        request=InvoiceInput,
        responses={
            201: InvoiceSerializer,
            **REFUSED,
            **problems(**{"404": "The cheque is unknown or not yours."}),
        },
    )
    def post(self, request):
        data = InvoiceInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        cheque = self.require(get_object_or_404(Cheque, pk=v["cheque"]))
        number = v.get("number") or f"API-{cheque.pk}-{cheque.invoices.count() + 1}"
        try:
            invoice = invoicing.submit_invoice(
                cheque,
                by=request.user,
                number=number,
                amount_cents=v["amount_cents"],
                is_final=v["is_final"],
            )
        except services.DeliveryError as error:
            return _refused(error)
        return Response(invoice_body(invoice), status=201)


class InvoiceDecisionView(GuardedAPIView):
    decide = None

    @extend_schema(request=None, responses={200: InvoiceSerializer, **REFUSED})
    def post(self, request, pk):
        invoice = get_object_or_404(Invoice, pk=pk)
        try:
            invoice = type(self).decide(invoice, by=request.user)
        except services.DeliveryError as error:
            return _refused(error)
        return Response(invoice_body(invoice))


@extend_schema_view(post=extend_schema(summary="Check an invoice (fund officer)"))
class CheckInvoiceView(InvoiceDecisionView):
    permission_check = staticmethod(can_check_invoices)
    decide = staticmethod(invoicing.check_invoice)


@extend_schema_view(
    post=extend_schema(summary="Approve a checked invoice (finance officer, not the checker)")
)
class ApproveInvoiceView(InvoiceDecisionView):
    permission_check = staticmethod(can_manage_payments)
    decide = staticmethod(invoicing.approve_invoice)
