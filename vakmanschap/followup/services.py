"""Follow-up after training: who gets a questionnaire when, the single-use links, reminders,
and recording the answers (from the link or from an advisor's phone call).

A plan has ended when none of its cheques is still open (issued, booked, started) and at least
one was completed or dropped out; it ended on the last such cheque's finishing date. At 6 and at
12 months after that, the participant gets the questionnaire by e-mail; only the latest moment
due is asked (a plan that ended 13 months ago is asked about 12 months, not about 6 too).
Without an e-mail address the follow-up waits for an advisor's phone call. A reminder with a
fresh link follows after 14 days; a link works once and expires 28 days after it was sent.
"""

import calendar
import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakmanschap.core.tasks import send_email
from vakmanschap.funding.models import ChequeState, TrainingPlan
from vakmanschap.network.tokens import hash_token, new_token
from vakmanschap.skills import loader
from vakmanschap.skills import services as skills

from .models import MOMENTS, Channel, Ending, FollowUp

REMINDER_AFTER_DAYS = 14
LINK_VALID_DAYS = 28
OPEN_CHEQUES = (ChequeState.ISSUED, ChequeState.BOOKED, ChequeState.STARTED)
ENDED_CHEQUES = (ChequeState.COMPLETED, ChequeState.DROPPED_OUT)
ANSWER_FIELDS = (
    "work_situation",
    "hours_per_week",
    "more_hours",
    "occupation_title",
    "occupation_relation",
    "contract_type",
    "helpfulness",
    "comment",
)


class LinkNotUsable(Exception):
    pass


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ended_plans():
    """Plans whose training is over, annotated with `ended` (datetime) and `completed` (count)."""
    return TrainingPlan.objects.annotate(
        ended=Max("cheques__finished_at", filter=Q(cheques__state__in=ENDED_CHEQUES)),
        completed=Count("cheques", filter=Q(cheques__state=ChequeState.COMPLETED)),
        still_open=Count("cheques", filter=Q(cheques__state__in=OPEN_CHEQUES)),
    ).filter(ended__isnull=False, still_open=0)


def schedule_due(today: datetime.date | None = None) -> list[FollowUp]:
    """Make the follow-up rows that are due today or earlier (the latest moment per plan)."""
    today = today or timezone.localdate()
    earliest_end = add_months(today, -MOMENTS[0])
    made = []
    plans = (
        ended_plans().filter(ended__date__lte=earliest_end).exclude(follow_ups__months=MOMENTS[-1])
    )
    existing = set(FollowUp.objects.values_list("plan_id", "months"))
    for plan in plans.only("pk"):
        ended_on = timezone.localtime(plan.ended).date()
        due = [m for m in MOMENTS if add_months(ended_on, m) <= today]
        months = due[-1]
        if (plan.pk, months) in existing:
            continue
        made.append(
            FollowUp.objects.create(
                plan=plan,
                months=months,
                ending=Ending.COMPLETED if plan.completed else Ending.DROPPED_OUT,
                ended_on=ended_on,
                due_on=add_months(ended_on, months),
            )
        )
    return made


def _address_and_language(participant) -> tuple[str, str]:
    if participant.anonymised_at is not None:
        return "", ""
    if participant.user_id and participant.user.email and participant.user.is_active:
        return participant.user.email, participant.user.preferred_language or "nl"
    return participant.email or "", "nl"


def _issue_link(follow_up: FollowUp) -> str:
    token = new_token()
    follow_up.token_hash = hash_token(token)
    follow_up.link_expires_at = timezone.now() + datetime.timedelta(days=LINK_VALID_DAYS)
    base = getattr(settings, "VAKMANSCHAP_BASE_URL", "http://localhost:8000").rstrip("/")
    return base + reverse("followup:answer", args=[token])


def _mail(follow_up: FollowUp, reminder: bool) -> bool:
    participant = follow_up.plan.participant
    address, language = _address_and_language(participant)
    if not address:
        return False
    link = _issue_link(follow_up)
    with translation.override(language):
        subject = (
            _("Reminder: how are you doing %(months)d months after your training?")
            if reminder
            else _("How are you doing %(months)d months after your training?")
        ) % {"months": follow_up.months}
        body = render_to_string(
            "followup/email/questionnaire.txt",
            {
                "participant": participant,
                "follow_up": follow_up,
                "link": link,
                "reminder": reminder,
                "valid_days": LINK_VALID_DAYS,
                "fund_name": settings.FUND_NAME,
            },
        )
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=[address]), robust=True
    )
    return True


def send_due(now=None) -> int:
    now = now or timezone.now()
    sent = 0
    for follow_up in FollowUp.objects.filter(sent_at=None, answered_at=None).select_related(
        "plan__participant__user"
    ):
        with transaction.atomic():
            if _mail(follow_up, reminder=False):
                follow_up.sent_at = now
                follow_up.save(update_fields=["token_hash", "link_expires_at", "sent_at"])
                sent += 1
    return sent


def send_reminders(now=None) -> int:
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=REMINDER_AFTER_DAYS)
    reminded = 0
    for follow_up in FollowUp.objects.filter(
        answered_at=None, reminded_at=None, sent_at__lte=cutoff
    ).select_related("plan__participant__user"):
        with transaction.atomic():
            if _mail(follow_up, reminder=True):  # a fresh link; the first one stops working
                follow_up.reminded_at = now
                follow_up.save(update_fields=["token_hash", "link_expires_at", "reminded_at"])
                reminded += 1
    return reminded


def run_daily(today=None) -> tuple[int, int]:
    """The daily job: schedule what is due, send it, remind after 14 days."""
    schedule_due(today)
    return send_due(), send_reminders()


def for_token(token: str) -> FollowUp | None:
    if not token:
        return None
    return (
        FollowUp.objects.select_related("plan__participant", "plan__target_occupation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def _match_occupation(title: str):
    """The engine's best ESCO occupation for the job title; None without ESCO or engine."""

    try:
        matches = skills.match_occupations(title, 1, None)
    except loader.EscoNotImported:
        return None
    return matches[0][0] if matches else None


def record_answers(follow_up: FollowUp, answers: dict, channel: str, by=None) -> FollowUp:
    """Store the answers with today's date; the link stops working. Answers from a phone call
    may correct earlier answers to the same questionnaire."""
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if channel == Channel.LINK and not locked.link_is_usable:
            raise LinkNotUsable
        for name in ANSWER_FIELDS:
            setattr(locked, name, answers.get(name, getattr(locked, name)))
        locked.occupation = (
            _match_occupation(locked.occupation_title) if locked.occupation_title else None
        )
        locked.answered_at = timezone.now()
        locked.channel = channel
        locked.recorded_by = by if channel == Channel.PHONE else None
        locked.token_hash = ""
        locked.full_clean(exclude=["plan", "recorded_by", "occupation"])
        locked.save()
    return locked


def answer_by_link(token: str, answers: dict) -> FollowUp:
    follow_up = for_token(token)
    if follow_up is None:
        raise LinkNotUsable
    return record_answers(follow_up, answers, Channel.LINK)
