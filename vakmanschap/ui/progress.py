"""The resident's progress tracker: where they are on the fund's path, in plain words.

Computed from the records (sign-up, conversations, plan, cheques), never stored, so it cannot
contradict them. Each step is done, now or next; at most one step is "now". A route that ended
early (not eligible, plan rejected, stopped training) marks that step "stopped".
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vakmanschap.core import presentation
from vakmanschap.core.compiled import CompiledQuery
from vakmanschap.funding.models import Cheque, ChequeState, PlanState, TrainingPlan
from vakmanschap.guidance.models import CareerConversation, ConversationState
from vakmanschap.people.choices import Triage

DONE, NOW, NEXT, STOPPED = "done", "now", "next", "stopped"

STEP_LABELS = {
    "signed_up": gettext_lazy("Signed up"),
    "conversation": gettext_lazy("Conversation with an advisor"),
    "plan": gettext_lazy("Training plan"),
    "decision": gettext_lazy("Decision by the fund"),
    "cheque": gettext_lazy("Training cheque"),
    "booked": gettext_lazy("Course booked"),
    "started": gettext_lazy("Course started"),
    "completed": gettext_lazy("Course completed"),
}
STATE_LABELS = {
    DONE: gettext_lazy("done"),
    NOW: gettext_lazy("now"),
    NEXT: gettext_lazy("later"),
    STOPPED: gettext_lazy("stopped"),
}

_DECIDED = {
    PlanState.APPROVED,
    PlanState.IN_TRAINING,
    PlanState.COMPLETED,
    PlanState.DROPPED_OUT,
    PlanState.CLOSED,
}
_SUBMITTED = _DECIDED | {
    PlanState.SUBMITTED,
    PlanState.SECOND_APPROVAL,
    PlanState.WAITING_LIST,
    PlanState.REJECTED,
}
# When a plan has several courses, the tracker follows the cheque furthest along.
_CHEQUE_ORDER = [
    ChequeState.COMPLETED,
    ChequeState.STARTED,
    ChequeState.BOOKED,
    ChequeState.ISSUED,
    ChequeState.DROPPED_OUT,
    ChequeState.EXPIRED,
    ChequeState.CANCELLED,
]


@dataclass
class Step:
    key: str
    label: str
    state: str = NEXT
    date: datetime.date | None = None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class Link:
    url: str
    label: str


@dataclass
class Progress:
    steps: list[Step]
    next_step: str
    links: list[Link] = field(default_factory=list)

    @property
    def current(self) -> Step | None:
        return next((s for s in self.steps if s.state in (NOW, STOPPED)), None)

    def state_of(self, key: str) -> str:
        return next(s.state for s in self.steps if s.key == key)


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else timezone.localdate(moment)


def _long_date(day: datetime.date) -> str:
    return presentation.format_day(day)


def _plans_query(participant_id):
    return (
        TrainingPlan.objects.filter(participant_id=participant_id)
        .select_related("target_occupation")
        .order_by("-created_at", "-pk")
    )


# The resident's start page reads these on every visit: compiled once (core/compiled.py).
_plans_of = CompiledQuery(_plans_query, int)
_conversations_of = CompiledQuery(
    lambda participant_id: CareerConversation.objects.filter(
        participant_id=participant_id
    ).order_by("-scheduled_at"),
    int,
)


def plans_of(participant) -> list:
    """The participant's plans, the latest first."""
    plans = _plans_of(participant.pk)
    for plan in plans:
        plan.participant = participant  # as `participant.plans` would: no query for the way back
    return plans


def cheques_of(plans) -> list[Cheque]:
    """The cheques of these plans in one query: plan by plan as given, each plan's by number."""
    if not plans:
        return []
    position = {plan.pk: index for index, plan in enumerate(plans)}
    cheques = Cheque.objects.filter(plan__in=list(position)).select_related(
        "plan_course__course__provider"
    )
    return sorted(cheques, key=lambda c: (position[c.plan_id], c.pk))


def _leading_cheque(plan, cheques) -> Cheque | None:
    mine = [c for c in cheques if plan is not None and c.plan_id == plan.pk]
    if not mine:
        return None
    return min(mine, key=lambda c: _CHEQUE_ORDER.index(c.state))


def progress_for(participant, *, plans=None, cheques=None, conversations=None) -> Progress:
    """The tracker for one participant, from their own records. A caller that has already read
    the plans (latest first, `plans_of`), their cheques (`cheques_of`) or the conversations (the
    latest first), or knows there are none, passes them in."""
    steps = {key: Step(key, str(label)) for key, label in STEP_LABELS.items()}
    steps["signed_up"].date = _day(participant.created_at)
    if conversations is None:
        conversations = _conversations_of(participant.pk)
    held = next((c for c in conversations if c.state == ConversationState.HELD), None)
    upcoming = next((c for c in conversations if c.state == ConversationState.SCHEDULED), None)
    if plans is None:
        plans = plans_of(participant)[:1]
    plan = plans[0] if plans else None
    if cheques is None:
        cheques = cheques_of([plan] if plan else [])
    cheque = _leading_cheque(plan, cheques)

    done = {"signed_up"}
    if held is not None:
        done.add("conversation")
        steps["conversation"].date = _day(held.scheduled_at)
    elif upcoming is not None:
        steps["conversation"].date = _day(upcoming.scheduled_at)
    if plan is not None and plan.state in _SUBMITTED:
        done.add("plan")
        steps["plan"].date = plan.application_date or _day(plan.submitted_at)
        # A plan may be written without a recorded conversation; the conversation then counts.
        done.add("conversation")
    if plan is not None and plan.state in _DECIDED | {PlanState.REJECTED}:
        done.add("decision")
        steps["decision"].date = _day(plan.decided_at)
    if cheque is not None:
        done.add("cheque")
        steps["cheque"].date = _day(cheque.issued_at)
        if cheque.booked_at:
            done.add("booked")
            steps["booked"].date = _day(cheque.booked_at)
        if cheque.started_at:
            done.add("started")
            steps["started"].date = cheque.start_date or _day(cheque.started_at)
        elif cheque.start_date:
            steps["started"].date = cheque.start_date  # the planned start
        if cheque.state == ChequeState.COMPLETED:
            done.add("completed")
            steps["completed"].date = _day(cheque.finished_at)

    ordered = list(steps.values())
    stopped_at = _stopped_step(participant, plan, cheque)
    first_open = next(
        (i for i, s in enumerate(ordered) if s.key == stopped_at or s.key not in done), None
    )
    for index, step in enumerate(ordered):
        if first_open is None or index < first_open:
            step.state = DONE
        elif index == first_open:
            step.state = STOPPED if stopped_at else NOW
        else:
            step.state = NEXT
    current = next((s for s in ordered if s.state in (NOW, STOPPED)), None)
    text, links = _next_step_words(current, participant, upcoming, plan, cheque)
    return Progress(steps=ordered, next_step=text, links=links)


def _stopped_step(participant, plan, cheque) -> str | None:
    """The step where the route ended early, if it did."""
    if participant.triage in (Triage.NOT_ELIGIBLE, Triage.INFORMATION_ONLY) and plan is None:
        return "conversation"
    if plan is not None and plan.state == PlanState.REJECTED:
        return "decision"
    if cheque is not None and cheque.state == ChequeState.DROPPED_OUT:
        return "completed"
    if cheque is not None and cheque.state in (ChequeState.EXPIRED, ChequeState.CANCELLED):
        return "booked"
    return None


def _next_step_words(current, participant, upcoming, plan, cheque) -> tuple[str, list[Link]]:
    """What happens next, at B1 level, with links to what the resident needs for it."""
    if current is None:
        return _("You have completed your course. Well done!"), []
    key, stopped = current.key, current.state == STOPPED
    if stopped:
        return _stopped_words(key, participant, cheque), []
    if key == "conversation":
        if upcoming is not None:
            words = _("You have a conversation with your career advisor on %(day)s at %(time)s.")
            params = {
                "day": _long_date(_day(upcoming.scheduled_at)),
                "time": formats.time_format(
                    timezone.localtime(upcoming.scheduled_at), "TIME_FORMAT"
                ),
            }
            text = words % params
            if upcoming.location:
                text += " " + _("Place: %(place)s.") % {"place": upcoming.location}
            return text, []
        return _(
            "A career advisor will contact you to make an appointment for a conversation. "
            "This is usually within two weeks."
        ), []
    if key == "plan":
        return _("Your advisor is writing a training plan with you."), []
    if key == "decision":
        if plan.state == PlanState.WAITING_LIST:
            return _(
                "Your plan is approved, but the budget is used up for now. "
                "Your plan is on the waiting list. We will let you know when there is money again."
            ), []
        return _(
            "The fund is looking at your plan. You will hear within four weeks if it is approved."
        ), []
    if key == "cheque" or cheque is None:
        return _("The fund approved your plan. Your training cheque is on its way."), []
    course = cheque.plan_course.course
    if key == "booked":
        links = [
            Link(
                reverse("funding:cheque_letter", args=[cheque.pk]),
                _("Your cheque letter (PDF)"),
            ),
            Link(
                reverse("catalogue:detail", args=[course.pk]),
                _("About the course at %(provider)s") % {"provider": course.provider},
            ),
        ]
        return _(
            "Sign up for the course %(course)s at %(provider)s. Give them the code on your "
            "cheque letter. Do this before %(day)s."
        ) % {
            "course": course.title,
            "provider": course.provider,
            "day": _long_date(_day(cheque.valid_until)),
        }, links
    if key == "started":
        if cheque.start_date:
            return _("Your course %(course)s starts on %(day)s.") % {
                "course": course.title,
                "day": _long_date(cheque.start_date),
            }, []
        return _(
            "You are booked for %(course)s. %(provider)s will tell you when the course starts."
        ) % {"course": course.title, "provider": course.provider}, []
    return _(
        "You are following the course %(course)s. %(provider)s tells us when you have finished."
    ) % {"course": course.title, "provider": course.provider}, []


def _stopped_words(key, participant, cheque) -> str:
    if key == "conversation":
        if participant.triage == Triage.INFORMATION_ONLY:
            return _("You asked for information only. Sign up again if you want a conversation.")
        return _("You cannot get a training cheque from this fund. Your advisor has told you why.")
    if key == "decision":
        return _("The fund did not approve your plan. Your advisor will talk with you about it.")
    if key == "completed":
        return _("You stopped the course. Your advisor can talk with you about what is next.")
    return _("Your cheque can no longer be used. Contact your advisor.")
