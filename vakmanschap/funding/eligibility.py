"""The scheme's eligibility rules. Each rule gives a result with its reason; all results
are shown before submit and stored with the decision."""

import datetime
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from vakmanschap.esco.shortage import shortage_entry

from .models import Cheque, ChequeState, RecognisedProvider, TrainingPlan


@dataclass(frozen=True)
class RuleResult:
    rule: str
    ok: bool
    message: str
    needs_second_approval: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def age_in_months(birth_date: datetime.date, on: datetime.date) -> int:
    months = (on.year - birth_date.year) * 12 + (on.month - birth_date.month)
    return months - (1 if on.day < birth_date.day else 0)


def _scheme_valid(plan, day):
    ok = plan.scheme.is_valid_on(day)
    return RuleResult(
        "scheme_valid",
        ok,
        _("The scheme applies on %(day)s.") % {"day": day}
        if ok
        else _("The scheme does not apply on %(day)s.") % {"day": day},
    )


def _residence(plan, day):
    municipality = plan.participant.municipality
    ok = plan.scheme.municipalities.filter(pk=municipality.pk).exists()
    message = (
        _("Lives in %(m)s, which takes part in the scheme.")
        if ok
        else _("Lives in %(m)s, which does not take part in the scheme.")
    )
    return RuleResult("residence", ok, message % {"m": municipality})


def _age(plan, day):
    months = age_in_months(plan.participant.birth_date, day)
    scheme = plan.scheme
    ok = scheme.min_age * 12 <= months < scheme.max_age_months
    params = {
        "age": months // 12,
        "min": scheme.min_age,
        "max_y": scheme.max_age_months // 12,
        "max_m": scheme.max_age_months % 12,
    }
    message = (
        _("Age %(age)s is within %(min)s years and %(max_y)s years %(max_m)s months.")
        if ok
        else _("Age %(age)s is outside %(min)s years to %(max_y)s years %(max_m)s months.")
    )
    return RuleResult("age", ok, message % params)


def _course_level(plan, day):
    too_high = [
        pc.course.title
        for pc in plan.courses.all()
        if pc.course.level > plan.scheme.max_course_level
    ]
    if too_high:
        return RuleResult(
            "course_level",
            False,
            _("Above MBO level %(max)s: %(titles)s.")
            % {"max": plan.scheme.max_course_level, "titles": ", ".join(too_high)},
        )
    return RuleResult(
        "course_level",
        True,
        _("All courses are at most MBO level %(max)s.") % {"max": plan.scheme.max_course_level},
    )


def _shortage_occupation(plan, day):
    entry = shortage_entry(plan.target_occupation, plan.scheme.region, day)
    if entry is not None:
        return RuleResult(
            "shortage_occupation",
            True,
            _("On the shortage-occupation list valid on %(day)s.") % {"day": day},
        )
    if plan.labour_market_justification.strip():
        return RuleResult(
            "shortage_occupation",
            True,
            _(
                "Not on the shortage-occupation list; a labour-market prospect is "
                "given, so a second approver is needed."
            ),
            needs_second_approval=True,
        )
    return RuleResult(
        "shortage_occupation",
        False,
        _(
            "Not on the shortage-occupation list valid on %(day)s, and no "
            "labour-market prospect is given."
        )
        % {"day": day},
    )


def _max_amount(plan, day):
    earlier = TrainingPlan.objects.fund_amount_for(plan.participant, plan.scheme, exclude=plan)
    total = earlier + plan.fund_amount_cents
    ok = total <= plan.scheme.max_amount_cents
    params = {"total": total / 100, "max": plan.scheme.max_amount_cents / 100}
    message = (
        _("€ %(total).2f in this scheme, within the maximum of € %(max).2f.")
        if ok
        else _("€ %(total).2f in this scheme, above the maximum of € %(max).2f.")
    )
    return RuleResult("max_amount", ok, message % params)


def _one_open_plan(plan, day):
    others = TrainingPlan.objects.open().filter(participant=plan.participant).exclude(pk=plan.pk)
    ok = not others.exists()
    return RuleResult(
        "one_open_plan",
        ok,
        _("No other open plan.") if ok else _("This participant already has an open plan."),
    )


def _provider_recognised(plan, day):
    problems = []
    for pc in plan.courses.all():
        recognition = RecognisedProvider.objects.filter(provider_id=pc.course.provider_id).first()
        if recognition is None or recognition.suspended:
            problems.append(str(pc.course.provider))
    if problems:
        return RuleResult(
            "provider_recognised",
            False,
            _("Not recognised or suspended: %(p)s.") % {"p": ", ".join(problems)},
        )
    return RuleResult("provider_recognised", True, _("All providers are recognised."))


def _course_cap(plan, day):
    since = timezone.now() - datetime.timedelta(days=plan.scheme.cap_window_days)
    full = []
    for pc in plan.courses.all():
        issued = (
            Cheque.objects.filter(plan_course__course=pc.course, issued_at__gte=since)
            .exclude(state=ChequeState.CANCELLED)
            .count()
        )
        if issued >= plan.scheme.course_cheque_cap:
            full.append(pc.course.title)
    if full:
        return RuleResult(
            "course_cap", False, _("The cheque cap is reached for: %(c)s.") % {"c": ", ".join(full)}
        )
    return RuleResult("course_cap", True, _("No course has reached its cheque cap."))


RULES = [
    _scheme_valid,
    _residence,
    _age,
    _course_level,
    _shortage_occupation,
    _max_amount,
    _one_open_plan,
    _provider_recognised,
    _course_cap,
]


def check(plan: TrainingPlan, day: datetime.date | None = None) -> list[RuleResult]:
    day = day or plan.application_date or timezone.localdate()
    return [rule(plan, day) for rule in RULES]


def all_ok(results: list[RuleResult]) -> bool:
    return all(r.ok for r in results)


def needs_second_approval(results: list[RuleResult]) -> bool:
    return any(r.needs_second_approval for r in results)
