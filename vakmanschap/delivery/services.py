"""What a provider does with a booked cheque: confirm the booking, declare the start, record
attendance, completion (with a certificate) or a drop-out. Each service locks the cheque,
checks its rules and either does everything or nothing (DeliveryError, nothing written).

Permission (which provider may act on which cheque) is the caller's job: views and the API
use `permissions.can_act_on_cheque` first.
"""

import datetime
import secrets

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from vakmanschap.core import coded
from vakmanschap.funding import cheque_account, plans, texts
from vakmanschap.funding.models import Cheque, ChequeState, PlanState, TrainingPlan
from vakmanschap.funding.models.cheques import not_on_the_start_date

from .models import ChequeDelivery, Invoice

CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class DeliveryError(Exception):
    """An action that is not allowed; nothing was written. `field` names the form field."""

    def __init__(self, message: str, field: str | None = None, status: int = 409):
        super().__init__(message)
        self.message, self.field, self.status = message, field, status


def _locked(cheque) -> Cheque:
    return (
        Cheque.objects.select_for_update(of=("self",))
        .select_related("plan__scheme", "plan_course__course")
        .get(pk=getattr(cheque, "pk", cheque))
    )


def delivery_of(cheque) -> ChequeDelivery:
    return ChequeDelivery.objects.get_or_create(cheque_id=cheque.pk)[0]


def _planned_end(cheque, start_date: datetime.date) -> datetime.date:
    return start_date + relativedelta(months=cheque.plan_course.course.duration_months)


def _require(bound_transition, message):
    """The cheque's machine says whether its state allows the step (which provider may act is
    the caller's check)."""
    if not can_proceed(bound_transition, check_conditions=False):
        raise DeliveryError(message)


@transaction.atomic
def confirm_booking(cheque, *, by, start_date: datetime.date) -> Cheque:
    """Confirm a redeemed cheque with the course's start date (due within 5 working days)."""
    if start_date is None:
        raise DeliveryError(_("Enter the start date."), field="start_date", status=400)
    cheque = _locked(cheque)
    _require(cheque.start, _("Only a booked cheque can be confirmed."))
    if start_date < timezone.localdate(cheque.issued_at):
        raise DeliveryError(
            _("The start date cannot be before the cheque was issued."),
            field="start_date",
            status=400,
        )
    cheque.start_date = start_date
    cheque.save()
    delivery = delivery_of(cheque)
    delivery.booking_confirmed_at = timezone.now()
    delivery.booking_confirmed_by = by
    delivery.planned_end = _planned_end(cheque, start_date)
    delivery.save()
    return cheque


@transaction.atomic
def declare_start(cheque, *, by, start_date: datetime.date | None = None) -> Cheque:
    """The course has started: reserve → commit in the ledger, and the plan goes in training.
    Without a confirmed booking the start date given here confirms it."""
    cheque = _locked(cheque)
    _require(cheque.start, _("Only a booked cheque can be started."))
    start_date = start_date or cheque.start_date
    if start_date is None:
        raise DeliveryError(_("Enter the start date."), field="start_date", status=400)
    if start_date > timezone.localdate():
        raise DeliveryError(
            _("The course has not started yet: declare the start on or after the start date."),
            field="start_date",
            status=400,
        )
    if start_date < timezone.localdate(cheque.issued_at):
        raise DeliveryError(
            _("The start date cannot be before the cheque was issued."),
            field="start_date",
            status=400,
        )
    delivery = delivery_of(cheque)
    if not delivery.booking_confirmed:
        delivery.booking_confirmed_at, delivery.booking_confirmed_by = timezone.now(), by
    delivery.planned_end = _planned_end(cheque, start_date)
    delivery.save()
    cheque.start_date = start_date
    cheque.start(by=by)
    cheque.save()
    cheque_account.commit(cheque, by=by)
    plan = TrainingPlan.objects.select_for_update().get(pk=cheque.plan_id)
    if plan.state == PlanState.APPROVED:
        plan.start_training(by=by, description=coded.encode(texts.COURSE_STARTED))
        plan.save()
    return cheque


def _check_percent(percent):
    if percent is None or isinstance(percent, bool) or not isinstance(percent, int):
        raise DeliveryError(_("Enter the attendance as a whole percentage."), "percent", 400)
    if not 0 <= percent <= 100:
        raise DeliveryError(_("Attendance is a percentage from 0 to 100."), "percent", 400)


def _has_final_invoice(cheque) -> bool:
    return Invoice.objects.filter(cheque=cheque, is_final=True).exclude(state="rejected").exists()


def booking_confirmable(cheque) -> bool:
    """A booked cheque's booking is confirmed once (with the start date)."""
    delivery = ChequeDelivery.objects.filter(cheque_id=cheque.pk).first()
    return cheque.state == ChequeState.BOOKED and not (delivery and delivery.booking_confirmed)


def attendance_open(cheque) -> bool:
    """Attendance is reported once the course has started, until the final invoice."""
    started = cheque.state in (ChequeState.STARTED, ChequeState.COMPLETED) or (
        cheque.state == ChequeState.DROPPED_OUT and cheque.started_at
    )
    return bool(started) and not _has_final_invoice(cheque)


@transaction.atomic
def record_attendance(cheque, *, by, percent: int, reason: str = "") -> Cheque:
    """Attendance in %, with an optional reason when it is low (the fund may accept it)."""
    _check_percent(percent)
    cheque = _locked(cheque)
    if cheque.state not in (ChequeState.STARTED, ChequeState.COMPLETED) and not (
        cheque.state == ChequeState.DROPPED_OUT and cheque.started_at
    ):
        raise DeliveryError(_("Attendance can be recorded once the course has started."))
    if _has_final_invoice(cheque):
        raise DeliveryError(_("The final invoice has been sent; attendance cannot change now."))
    _set_attendance(cheque, by, percent, reason)
    cheque.save()
    return cheque


def attendance_warning(cheque) -> str | None:
    """The warning the provider gets as soon as the attendance reported is below the scheme's
    minimum, not only when the final invoice is checked."""
    percent = cheque.attendance_percent
    minimum = cheque.plan.scheme.attendance_threshold
    if percent is None or percent >= minimum:
        return None
    return _(
        "Attendance: %(percent)s%% is below the scheme's minimum of %(minimum)s%%. Unless the "
        "fund accepts a reason for the low attendance, the final invoice is not paid in full."
    ) % {"percent": percent, "minimum": minimum}


def _set_attendance(cheque, by, percent, reason):
    cheque.attendance_percent = percent
    delivery = delivery_of(cheque)
    reason = (reason or "").strip()
    if reason != delivery.attendance_reason:
        delivery.attendance_reason = reason
        delivery.attendance_reason_accepted_at = delivery.attendance_reason_accepted_by = None
    delivery.save()


def validate_certificate(upload) -> None:
    """A PDF (by its first bytes, not only its name) of at most 5 MB."""
    if upload is None:
        raise DeliveryError(_("Upload the certificate (PDF)."), "certificate", 400)
    if upload.size > CERTIFICATE_MAX_BYTES:
        raise DeliveryError(_("The certificate may be at most 5 MB."), "certificate", 400)
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if not upload.name.lower().endswith(".pdf") or head != PDF_MAGIC:
        raise DeliveryError(_("The certificate must be a PDF file."), "certificate", 400)


def complete(cheque, *, by, certificate, percent: int | None = None, reason: str = "") -> Cheque:
    """The participant finished the course: completion with its certificate (and attendance,
    which is required by now). The file is stored under a random name."""
    validate_certificate(certificate)
    if percent is not None:
        _check_percent(percent)
    stored = None
    try:
        with transaction.atomic():
            cheque = _locked(cheque)
            _require(cheque.complete, _("Only a started course can be completed."))
            if not not_on_the_start_date(cheque):
                raise DeliveryError(
                    _("A course cannot be completed on the day it started."), None, 400
                )
            if percent is not None:
                _set_attendance(cheque, by, percent, reason)
            if cheque.attendance_percent is None:
                raise DeliveryError(_("Enter the attendance."), "percent", 400)
            cheque.certificate.save(f"{secrets.token_hex(16)}.pdf", certificate, save=False)
            stored = cheque.certificate.name
            cheque.complete(by=by)
            cheque.save()
            delivery = delivery_of(cheque)
            delivery.certificate_uploaded_at = cheque.finished_at
            delivery.save()
            plans.settle(cheque.plan_id, by=by)
    except Exception:
        if stored:  # the database rolled back; do not leave the file behind
            cheque.certificate.storage.delete(stored)
        raise
    return cheque


@transaction.atomic
def drop_out(cheque, *, by, reason: str) -> Cheque:
    """The participant stopped. Before the start the reserved money goes back to the budget;
    after it, the commitment waits for the provider's closing invoice."""
    reason = (reason or "").strip()
    if not reason:
        raise DeliveryError(_("Give the reason for the drop-out."), "reason", 400)
    cheque = _locked(cheque)
    _require(cheque.drop_out, _("Only a booked or started cheque can end in a drop-out."))
    was_started = cheque.state == ChequeState.STARTED
    cheque.drop_out_reason = reason
    cheque.drop_out(by=by, description=reason)
    cheque.save()
    if not was_started:
        cheque_account.release(cheque, by=by, code=texts.LEDGER_DROPPED_OUT_BEFORE_START)
    plans.settle(cheque.plan_id, by=by)
    return cheque
