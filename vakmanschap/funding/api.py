"""The fund's workflow API (/api/v1/): funding streams, plans, cheques. Thin: services decide."""

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from vakmanschap.api.base import GuardedAPIView
from vakmanschap.api.fields import LookupField
from vakmanschap.api.problems import problem
from vakmanschap.api.schema import CreatedSerializer, problems
from vakmanschap.catalogue.models import Course
from vakmanschap.core.limits import (
    FREE_TEXT_MAX_CHARS,
    validate_no_duplicates,
    validate_period_date,
)
from vakmanschap.core.money import MAX_ALLOCATION_CENTS, CentsField
from vakmanschap.esco.models import Occupation
from vakmanschap.people.models import Participant

from . import cancellation, eligibility, ledger, plan_warnings, plans, texts
from .cheques import RedemptionError, redeem
from .models import BudgetPeriod, Cheque, FundingStream, PlanState, TrainingPlan
from .permissions import (
    can_approve_plans,
    can_cancel_cheques,
    can_manage_budget,
    can_redeem_cheques,
    can_view_budget,
    can_write_plans,
    own_provider,
)
from .schemes import current_scheme


class FundingStreamInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    period_start = serializers.DateField(validators=[validate_period_date])
    period_end = serializers.DateField(validators=[validate_period_date])
    allocated_cents = CentsField(max_cents=MAX_ALLOCATION_CENTS)

    def validate(self, data):
        if data["period_end"] < data["period_start"]:
            raise serializers.ValidationError(
                {"period_end": gettext_lazy("The end must not be before the start.")}
            )
        return data


def stream_balances(period: BudgetPeriod) -> dict:
    b = ledger.balances(period)
    return {
        "id": period.pk,
        "name": period.stream.name,
        "allocated_cents": b.allocated,
        "reserved_cents": b.reserved,
        "committed_cents": b.committed,
        "paid_cents": b.paid,
        "recovered_cents": b.recovered,
        "available_cents": b.available,
        "waiting_count": TrainingPlan.objects.filter(
            funding_period=period, state=PlanState.WAITING_LIST
        ).count(),
    }


class FundingStreamBalancesSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The budget period's id.")
    name = serializers.CharField()
    allocated_cents = serializers.IntegerField()
    reserved_cents = serializers.IntegerField()
    committed_cents = serializers.IntegerField()
    paid_cents = serializers.IntegerField()
    recovered_cents = serializers.IntegerField()
    available_cents = serializers.IntegerField()
    waiting_count = serializers.IntegerField(help_text="Plans on the waiting list.")


class FundingStreamsView(GuardedAPIView):
    """POST: a funding stream with one budget period and its allocation. The id is the period's."""

    permission_check = staticmethod(can_manage_budget)

    @extend_schema(
        summary="Add a funding stream with a budget period and its allocation",
        request=FundingStreamInput,
        responses={201: CreatedSerializer},
    )
    def post(self, request):
        data = FundingStreamInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        with transaction.atomic():
            stream, _created = FundingStream.objects.get_or_create(name=v["name"])
            try:
                with transaction.atomic():
                    period = BudgetPeriod.objects.create(
                        stream=stream, start=v["period_start"], end=v["period_end"]
                    )
            except IntegrityError as error:  # a stream has one period per start date
                raise serializers.ValidationError(
                    {
                        "period_start": [
                            _("This funding stream already has a period with this start.")
                        ]
                    }
                ) from error
            if v["allocated_cents"]:
                ledger.post(
                    period.pk,
                    "allocate",
                    v["allocated_cents"],
                    actor=request.user,
                    reason_code=texts.LEDGER_ALLOCATED_THROUGH_API,
                )
        return Response({"id": period.pk}, status=201)


class FundingStreamView(GuardedAPIView):
    permission_check = staticmethod(can_view_budget)

    @extend_schema(
        summary="A budget period's balances (derived from the ledger)",
        responses=FundingStreamBalancesSerializer,
    )
    def get(self, request, pk):
        period = get_object_or_404(BudgetPeriod.objects.select_related("stream"), pk=pk)
        return Response(stream_balances(period))


class PlanInput(serializers.Serializer):
    # Narrowed to the caller's own participants in get_fields: another organisation's id
    # answers "does not exist", like an unknown one.
    participant = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.none())
    target_occupation = LookupField(slug_field="uri", queryset=Occupation.objects.all())
    courses = serializers.PrimaryKeyRelatedField(
        queryset=Course.objects.active(),
        many=True,
        allow_empty=False,
    )
    funding_stream = serializers.PrimaryKeyRelatedField(queryset=BudgetPeriod.objects.all())
    justification = serializers.CharField(max_length=FREE_TEXT_MAX_CHARS)
    labour_market_justification = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=FREE_TEXT_MAX_CHARS
    )
    own_contribution_cents = CentsField(required=False, default=0)

    def validate_courses(self, courses):
        validate_no_duplicates(courses)
        return courses

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["participant"].queryset = Participant.objects.active().in_care_of(user)
        return fields


class EligibilitySerializer(serializers.Serializer):
    rule = serializers.CharField()
    ok = serializers.BooleanField()
    message = serializers.CharField()


class IssuedChequeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(
        allow_null=True,
        help_text="Shown once, on approval; null on submission and on an idempotent replay.",
    )
    course = serializers.IntegerField()
    amount_cents = serializers.IntegerField()


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    total_cents = serializers.IntegerField()
    fund_amount_cents = serializers.IntegerField()
    eligibility = EligibilitySerializer(many=True, required=False, help_text="On creation.")
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="What the fund officer weighs: e.g. a course that teaches none of the "
        "target occupation's skills.",
    )
    cheques = IssuedChequeSerializer(many=True, required=False)


def plan_body(plan, codes=None) -> dict:
    body = {
        "id": plan.pk,
        "status": plan.state,
        "total_cents": plan.total_cents,
        "fund_amount_cents": plan.fund_amount_cents,
        "warnings": plan_warnings.for_plan(plan),
    }
    if codes is not None:
        body["cheques"] = [
            {
                "id": c.pk,
                "code": codes.get(c.pk),
                "course": c.plan_course.course_id,
                "amount_cents": c.amount_cents,
            }
            for c in plan.cheques.select_related("plan_course").order_by("pk")
        ]
    return body


class PlansView(GuardedAPIView):
    permission_check = staticmethod(can_write_plans)

    @extend_schema(
        summary="Write a draft training plan (advisor)",
        request=PlanInput,
        responses={
            201: PlanSerializer,
            **problems(**{"409": "No scheme applies today, or the plan is not allowed."}),
        },
    )
    def post(self, request):
        data = PlanInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        scheme = current_scheme()
        if scheme is None:
            return problem(409, _("No scheme applies today."))
        try:
            plan = plans.create_draft(
                participant=v["participant"],
                author=request.user,
                scheme=scheme,
                funding_period=v["funding_stream"],
                target_occupation=v["target_occupation"],
                courses=v["courses"],
                justification=v["justification"],
                labour_market_justification=v["labour_market_justification"],
                own_contribution_cents=v["own_contribution_cents"],
            )
        except plans.PlanNotAllowed as error:
            return problem(409, str(error))
        body = plan_body(plan)
        body["eligibility"] = [
            {"rule": r.rule, "ok": r.ok, "message": r.message} for r in eligibility.check(plan)
        ]
        return Response(body, status=201)


class PlanActionView(GuardedAPIView):
    """POST /plans/{id}/submit (advisor) and /plans/{id}/approve (fund officer)."""

    action = ""
    secret_fields = ("code",)

    @extend_schema(
        request=None,
        responses={200: PlanSerializer, **problems(**{"409": "Not allowed in this state."})},
    )
    def post(self, request, pk):
        plan = self.require(get_object_or_404(TrainingPlan, pk=pk))
        try:
            if self.action == "submit":
                plan = plans.submit(plan, by=request.user)
                return Response(plan_body(plan, codes={}))
            decision = plans.approve(plan, by=request.user)
        except plans.PlanNotAllowed as error:
            return problem(409, str(error))
        return Response(plan_body(decision.plan, codes=decision.codes))


@extend_schema_view(post=extend_schema(summary="Submit a draft plan to the fund (advisor)"))
class SubmitPlanView(PlanActionView):
    action = "submit"
    permission_check = staticmethod(can_write_plans)


@extend_schema_view(
    post=extend_schema(summary="Approve a plan and issue its cheques (fund officer)")
)
class ApprovePlanView(PlanActionView):
    action = "approve"
    permission_check = staticmethod(can_approve_plans)


class RedeemInput(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    birth_date = serializers.DateField()


class RedeemedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class RedeemChequeView(GuardedAPIView):
    permission_check = staticmethod(can_redeem_cheques)

    @extend_schema(
        summary="Redeem a cheque: code and the participant's birth date (provider)",
        request=RedeemInput,
        responses={
            200: RedeemedSerializer,
            **problems(
                **{
                    "404": "Unknown code or birth date; `attempts_left` says how many remain.",
                    "409": "The cheque was used already or has expired.",
                    "429": "Too many wrong codes: locked for a while (`Retry-After`).",
                }
            ),
        },
    )
    def post(self, request):
        data = RedeemInput(data=request.data)
        data.is_valid(raise_exception=True)
        provider = own_provider(request.user)
        try:
            cheque = redeem(
                provider=provider,
                user=request.user,
                code=data.validated_data["code"],
                birth_date=data.validated_data["birth_date"],
            )
        except RedemptionError as error:
            # Returned, not raised: the failed attempt must be committed.
            extra = (
                {"attempts_left": error.attempts_left} if error.attempts_left is not None else {}
            )
            response = problem(error.status, error.message, **extra)
            if error.retry_after:
                response["Retry-After"] = str(error.retry_after)
            return response
        return Response({"id": cheque.pk, "status": cheque.state})


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(
        max_length=FREE_TEXT_MAX_CHARS,
        help_text="Shown to the resident and the provider.",
        error_messages={
            "blank": gettext_lazy("Give the reason for cancelling the cheque."),
            "required": gettext_lazy("Give the reason for cancelling the cheque."),
        },
    )


class CancelledChequeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    plan = serializers.IntegerField()
    plan_status = serializers.CharField()


class CancelChequeView(GuardedAPIView):
    """The fund cancels an issued or booked cheque of its own region: the reserved money goes
    back to the budget and waiting plans are funded from it. Another region's cheque answers
    404, like an unknown one."""

    permission_check = staticmethod(can_cancel_cheques)

    @extend_schema(
        summary="Cancel a cheque, with a reason (fund officer)",
        request=CancelInput,
        responses={
            200: CancelledChequeSerializer,
            **problems(**{"409": "Only an issued or booked cheque can be cancelled."}),
        },
    )
    def post(self, request, pk):
        cheque = self.require(
            get_object_or_404(Cheque.objects.select_related("plan__funding_period__stream"), pk=pk)
        )
        data = CancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            cheque = cancellation.cancel_cheque(
                cheque, by=request.user, reason=data.validated_data["reason"]
            )
        except cancellation.CancellationError as error:
            errors = {error.field: [error.message]} if error.field else None
            return problem(error.status, error.message, errors=errors)
        cheque.plan.refresh_from_db()
        return Response(
            {
                "id": cheque.pk,
                "status": cheque.state,
                "plan": cheque.plan_id,
                "plan_status": cheque.plan.state,
            }
        )
