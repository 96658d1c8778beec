"""The scheme's eligibility rules. Each rule gives a result with its reason; all results
are shown before submit and stored with the decision.

A reason is stored as a code with parameters (`core.coded`), so a fund officer reading in Dutch
sees Dutch even when the advisor submitted in English."""

import datetime
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.core import coded
from vakmanschap.esco.shortage import shortage_entry

from . import course_cap
from .models import PlanCourse, RecognisedProvider, TrainingPlan
from .models.plans import FUNDED_STATES, OPEN_STATES

TEXTS = {
    "scheme_valid.ok": _("The scheme applies on %(day)s."),
    "scheme_valid.fail": _("The scheme does not apply on %(day)s."),
    "residence.ok": _("Lives in %(m)s, which takes part in the scheme."),
    "residence.fail": _("Lives in %(m)s, which does not take part in the scheme."),
    "age.ok": _("Age %(age)s is within %(min)s years and %(max_y)s years %(max_m)s months."),
    "age.fail": _("Age %(age)s is outside %(min)s years to %(max_y)s years %(max_m)s months."),
    "course_level.fail": _("Above MBO level %(max)s: %(titles)s."),
    "course_level.ok": _("All courses are at most MBO level %(max)s."),
    "shortage_occupation.ok": _("On the shortage-occupation list valid on %(day)s."),
    "shortage_occupation.justified": _(
        "Not on the shortage-occupation list; a labour-market prospect is "
        "given, so a second approver is needed."
    ),
    "shortage_occupation.fail": _(
        "Not on the shortage-occupation list valid on %(day)s, and no "
        "labour-market prospect is given."
    ),
    "max_amount.ok": _("%(total_cents)s in this scheme, within the maximum of %(max_cents)s."),
    "max_amount.fail": _("%(total_cents)s in this scheme, above the maximum of %(max_cents)s."),
    "one_open_plan.ok": _("No other open plan."),
    "one_open_plan.fail": _("This participant already has an open plan."),
    "provider_recognised.fail": _("Not recognised or suspended: %(p)s."),
    "provider_recognised.ok": _("All providers are recognised."),
    "course_cap.fail": _("The cheque cap is reached for: %(c)s."),
    "course_cap.ok": _("No course has reached its cheque cap."),
}
for _code, _text in TEXTS.items():
    coded.define(f"eligibility.{_code}", _text)


@dataclass(frozen=True)
class RuleResult:
    rule: str
    ok: bool
    code: str = ""
    params: dict = field(default_factory=dict)
    needs_second_approval: bool = False
    #: Text stored before reasons were codes; shown as it is.
    stored_message: str = ""

    @property
    def message(self) -> str:
        """The reason in the active language."""
        if self.code:
            return coded.render_code(f"eligibility.{self.code}", self.params)
        return self.stored_message

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("stored_message")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "RuleResult":
        """A stored result: coded, or an older row with its text in the submitter's language."""
        return cls(
            rule=data.get("rule", ""),
            ok=bool(data.get("ok")),
            code=data.get("code", ""),
            params=data.get("params") or {},
            needs_second_approval=bool(data.get("needs_second_approval")),
            stored_message=data.get("message", ""),
        )


def _result(rule: str, ok: bool, outcome: str, *, second=False, **params) -> RuleResult:
    return RuleResult(rule, ok, f"{rule}.{outcome}", params, second)


def age_in_months(birth_date: datetime.date, on: datetime.date) -> int:
    months = (on.year - birth_date.year) * 12 + (on.month - birth_date.month)
    return months - (1 if on.day < birth_date.day else 0)


def _scheme_valid(plan, day, courses):
    ok = plan.scheme.is_valid_on(day)
    return _result("scheme_valid", ok, "ok" if ok else "fail", day=day.isoformat())


def _residence(plan, day, courses):
    municipality = plan.participant.municipality
    ok = plan.scheme.municipalities.through.objects.filter(
        scheme_id=plan.scheme_id, municipality_id=municipality.pk
    ).exists()
    return _result("residence", ok, "ok" if ok else "fail", m=str(municipality))


def _age(plan, day, courses):
    months = age_in_months(plan.participant.birth_date, day)
    scheme = plan.scheme
    ok = scheme.min_age * 12 <= months < scheme.max_age_months
    return _result(
        "age",
        ok,
        "ok" if ok else "fail",
        age=months // 12,
        min=scheme.min_age,
        max_y=scheme.max_age_months // 12,
        max_m=scheme.max_age_months % 12,
    )


def _course_level(plan, day, courses):
    too_high = [pc.course.title for pc in courses if pc.course.level > plan.scheme.max_course_level]
    if too_high:
        return _result(
            "course_level",
            False,
            "fail",
            max=plan.scheme.max_course_level,
            titles=", ".join(too_high),
        )
    return _result("course_level", True, "ok", max=plan.scheme.max_course_level)


def _shortage_occupation(plan, day, courses):
    entry = shortage_entry(plan.target_occupation_id, plan.scheme.region, day)
    if entry is not None:
        return _result("shortage_occupation", True, "ok", day=day.isoformat())
    if plan.labour_market_justification.strip():
        return _result("shortage_occupation", True, "justified", second=True)
    return _result("shortage_occupation", False, "fail", day=day.isoformat())


def _other_plans(plan) -> dict:
    """The participant's other plans, in one query through the participant's index: the
    money of those funded in this scheme, and whether one of them is still open."""
    return (
        TrainingPlan.objects.filter(participant_id=plan.participant_id)
        .exclude(pk=plan.pk)
        .aggregate(
            funded=Sum(
                "fund_amount_cents", filter=Q(scheme_id=plan.scheme_id, state__in=FUNDED_STATES)
            ),
            open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        )
    )


def _max_amount(plan, day, courses, others):
    total = (others["funded"] or 0) + plan.fund_amount_cents
    ok = total <= plan.scheme.max_amount_cents
    return _result(
        "max_amount",
        ok,
        "ok" if ok else "fail",
        total_cents=total,
        max_cents=plan.scheme.max_amount_cents,
    )


def _one_open_plan(plan, day, courses, others):
    ok = not others["open"]
    return _result("one_open_plan", ok, "ok" if ok else "fail")


def _provider_recognised(plan, day, courses):
    recognitions = {
        r.provider_id: r
        for r in RecognisedProvider.objects.filter(
            provider_id__in={pc.course.provider_id for pc in courses}
        )
    }
    problems = []
    for pc in courses:
        recognition = recognitions.get(pc.course.provider_id)
        if recognition is None or recognition.suspended:
            problems.append(str(pc.course.provider))
    if problems:
        return _result("provider_recognised", False, "fail", p=", ".join(problems))
    return _result("provider_recognised", True, "ok")


def _course_cap(plan, day, courses):
    since = timezone.now() - datetime.timedelta(days=plan.scheme.cap_window_days)
    cap = plan.scheme.course_cheque_cap
    counts = course_cap.cheques_since([pc.course_id for pc in courses], since)
    full = [pc.course.title for pc in courses if counts[pc.course_id] >= cap]
    if full:
        return _result("course_cap", False, "fail", c=", ".join(full))
    return _result("course_cap", True, "ok")


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
# Rules that read the participant's other plans (fetched once for both).
_ABOUT_OTHER_PLANS = {_max_amount, _one_open_plan}


def plan_courses(plan: TrainingPlan) -> list[PlanCourse]:
    """The plan's courses with their catalogue course: the prefetched ones when the caller
    loaded them (an approval does, with the plan), else one query."""
    cached = getattr(plan, "_prefetched_objects_cache", {}).get("courses")
    if cached is not None:
        return sorted(cached, key=lambda pc: pc.pk)  # an approval reads them by course id
    return list(plan.courses.select_related("course"))


def check(plan: TrainingPlan, day: datetime.date | None = None) -> list[RuleResult]:
    day = day or plan.application_date or timezone.localdate()
    courses, others = plan_courses(plan), _other_plans(plan)
    return [
        rule(plan, day, courses, others) if rule in _ABOUT_OTHER_PLANS else rule(plan, day, courses)
        for rule in RULES
    ]


def all_ok(results: list[RuleResult]) -> bool:
    return all(r.ok for r in results)


def needs_second_approval(results: list[RuleResult]) -> bool:
    return any(r.needs_second_approval for r in results)
