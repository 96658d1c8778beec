"""E-mails at each step, to the participant and the provider, in the recipient's language.

Templates: `notifications/email/<audience>_<event>.txt` (plain text; one template, translated
with {% translate %} under the recipient's language). Cheque codes never appear in e-mail.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_fsm_log.models import StateLog

from vakmanschap.accounts.roles import Role
from vakmanschap.core.tasks import send_email
from vakmanschap.funding.models import Cheque, ChequeState, PlanState, TrainingPlan

PLAN_EVENTS = {
    PlanState.SUBMITTED,
    PlanState.APPROVED,
    PlanState.WAITING_LIST,
    PlanState.REJECTED,
    PlanState.RETURNED,
}
CHEQUE_EVENTS = {
    ChequeState.BOOKED,
    ChequeState.STARTED,
    ChequeState.COMPLETED,
    ChequeState.EXPIRED,
    ChequeState.CANCELLED,
}

SUBJECTS = {
    "plan_submitted": gettext_noop("Your training plan has been sent to the fund"),
    "plan_approved": gettext_noop("Your training plan has been approved"),
    "plan_waiting_list": gettext_noop("Your training plan is on the waiting list"),
    "plan_rejected": gettext_noop("Your training plan has not been approved"),
    "plan_returned": gettext_noop("Your training plan is being changed"),
    "cheque_booked": gettext_noop("Your course has been booked"),
    "cheque_started": gettext_noop("Your course has started"),
    "cheque_completed": gettext_noop("You have completed your course"),
    "cheque_expired": gettext_noop("Your training cheque has expired"),
    "provider_cheque_issued": gettext_noop("A training cheque has been issued for your course"),
    "provider_cheque_booked": gettext_noop("Booking confirmed for a training cheque"),
    "provider_cheque_started": gettext_noop("Start of a course registered"),
    "provider_cheque_completed": gettext_noop("Completion of a course registered"),
    "provider_cheque_expired": gettext_noop("A training cheque for your course has expired"),
    "cheque_cancelled": gettext_noop("Your training cheque has been cancelled"),
    "provider_cheque_cancelled": gettext_noop("A training cheque for your course was cancelled"),
    "cheque_code_reissued": gettext_noop("Your training cheque has a new code"),
    "provider_cheque_code_reissued": gettext_noop("A training cheque has a new code"),
}


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = "nl"


def participant_recipient(participant) -> Recipient | None:
    if participant.anonymised_at is not None:
        return None
    user = participant.user
    if user is not None and user.is_active and user.email:
        return Recipient(user.email, user.preferred_language or "nl")
    if participant.email:
        return Recipient(participant.email, "nl")
    return None


def provider_recipients(provider) -> list[Recipient]:
    """The provider's staff, each in their own language; else the organisation's address."""
    staff = {
        m.user.email: Recipient(m.user.email, m.user.preferred_language or "nl")
        for m in provider.memberships.filter(
            role=Role.PROVIDER_STAFF, user__is_active=True
        ).select_related("user")
    }
    if staff:
        return sorted(staff.values(), key=lambda r: r.email)
    return [Recipient(provider.email, "nl")] if provider.email else []


def send(recipient: Recipient | None, key: str, template: str, context: dict) -> None:
    if recipient is None:
        return
    with translation.override(recipient.language):
        subject = _(SUBJECTS[key])
        body = render_to_string(f"notifications/email/{template}.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[recipient.email])


def plan_event(plan_id: int, event: str) -> None:
    plan = (
        TrainingPlan.objects.select_related("participant__user")
        .prefetch_related("cheques__provider", "cheques__plan_course__course")
        .get(pk=plan_id)
    )
    if plan.state != event:  # a later change overtook this one
        return
    participant = plan.participant
    cheques = sorted(plan.cheques.all(), key=lambda c: c.pk)
    context = {"participant": participant, "plan": plan, "cheques": cheques}
    send(participant_recipient(participant), f"plan_{event}", f"participant_plan_{event}", context)
    if event == PlanState.APPROVED:
        # The cheques are issued on approval: tell each provider about its own cheques only.
        for cheque in cheques:
            for recipient in provider_recipients(cheque.provider):
                send(
                    recipient,
                    "provider_cheque_issued",
                    "provider_cheque_issued",
                    {"cheque": cheque, "course": cheque.plan_course.course},
                )


def cheque_event(cheque_id: int, event: str) -> None:
    cheque = Cheque.objects.select_related(
        "plan__participant__user", "provider", "plan_course__course"
    ).get(pk=cheque_id)
    if cheque.state != event:
        return
    participant = cheque.plan.participant
    context = {
        "participant": participant,
        "cheque": cheque,
        "course": cheque.plan_course.course,
        "provider": cheque.provider,
        "reason": _last_reason(cheque),
    }
    send(
        participant_recipient(participant),
        f"cheque_{event}",
        f"participant_cheque_{event}",
        context,
    )
    for recipient in provider_recipients(cheque.provider):
        send(recipient, f"provider_cheque_{event}", f"provider_cheque_{event}", context)


def _last_reason(cheque) -> str:
    """Why the cheque reached its state (the transition log's description), if given."""
    entry = StateLog.objects.for_(cheque).order_by("-timestamp", "-pk").first()
    return (entry.description or "") if entry else ""


def code_reissued(cheque_id: int, old_last4: str) -> None:
    """A new code was issued on purpose: the old code no longer works. Neither code is sent."""
    cheque = Cheque.objects.select_related(
        "plan__participant__user", "provider", "plan_course__course"
    ).get(pk=cheque_id)
    context = {
        "participant": cheque.plan.participant,
        "cheque": cheque,
        "course": cheque.plan_course.course,
        "provider": cheque.provider,
        "old_last4": old_last4,
    }
    send(
        participant_recipient(cheque.plan.participant),
        "cheque_code_reissued",
        "participant_cheque_code_reissued",
        context,
    )
    for recipient in provider_recipients(cheque.provider):
        send(
            recipient,
            "provider_cheque_code_reissued",
            "provider_cheque_code_reissued",
            context,
        )
