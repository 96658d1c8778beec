"""The scheme's eligibility rules. Each rule gives a result with its reason; all results
are shown before submit and stored with the decision.

A reason is stored as a code with parameters (`core.coded`), so a fund officer reading in Dutch
sees Dutch even when the advisor submitted in English."""

import datetime
from dataclasses import asdict, dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.core import coded
from vakmanschap.esco.shortage import shortage_entry

from .models import Cheque, ChequeState, RecognisedProvider, TrainingPlan

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


def _scheme_valid(plan, day):
    ok = plan.scheme.is_valid_on(day)
    return _result("scheme_valid", ok, "ok" if ok else "fail", day=day.isoformat())


def _residence(plan, day):
    municipality = plan.participant.municipality
    ok = plan.scheme.municipalities.filter(pk=municipality.pk).exists()
    return _result("residence", ok, "ok" if ok else "fail", m=str(municipality))


def _age(plan, day):
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


def _course_level(plan, day):
    too_high = [
        pc.course.title
        for pc in plan.courses.all()
        if pc.course.level > plan.scheme.max_course_level
    ]
    if too_high:
        return _result(
            "course_level",
            False,
            "fail",
            max=plan.scheme.max_course_level,
            titles=", ".join(too_high),
        )
    return _result("course_level", True, "ok", max=plan.scheme.max_course_level)


def _shortage_occupation(plan, day):
    entry = shortage_entry(plan.target_occupation, plan.scheme.region, day)
    if entry is not None:
        return _result("shortage_occupation", True, "ok", day=day.isoformat())
    if plan.labour_market_justification.strip():
        return _result("shortage_occupation", True, "justified", second=True)
    return _result("shortage_occupation", False, "fail", day=day.isoformat())


def _max_amount(plan, day):
    earlier = TrainingPlan.objects.fund_amount_for(plan.participant, plan.scheme, exclude=plan)
    total = earlier + plan.fund_amount_cents
    ok = total <= plan.scheme.max_amount_cents
    return _result(
        "max_amount",
        ok,
        "ok" if ok else "fail",
        total_cents=total,
        max_cents=plan.scheme.max_amount_cents,
    )


def _one_open_plan(plan, day):
    others = TrainingPlan.objects.open().filter(participant=plan.participant).exclude(pk=plan.pk)
    ok = not others.exists()
    return _result("one_open_plan", ok, "ok" if ok else "fail")


def _provider_recognised(plan, day):
    problems = []
    for pc in plan.courses.all():
        recognition = RecognisedProvider.objects.filter(provider_id=pc.course.provider_id).first()
        if recognition is None or recognition.suspended:
            problems.append(str(pc.course.provider))
    if problems:
        return _result("provider_recognised", False, "fail", p=", ".join(problems))
    return _result("provider_recognised", True, "ok")


def cheques_towards_cap(course_id: int, since, cap: int):
    """The course's cheques that count towards its cap, at most `cap` of them: found through
    the plan course's course index and the cheque's plan-course index, and never more than the
    cap read, so the work per approval stays bounded however many cheques exist."""
    return (
        Cheque.objects.filter(plan_course__course_id=course_id, issued_at__gte=since)
        .exclude(state=ChequeState.CANCELLED)
        .order_by()[:cap]
    )


def _course_cap(plan, day):
    since = timezone.now() - datetime.timedelta(days=plan.scheme.cap_window_days)
    cap = plan.scheme.course_cheque_cap
    full = []
    for pc in plan.courses.all():
        if cheques_towards_cap(pc.course_id, since, cap).count() >= cap:
            full.append(pc.course.title)
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


def check(plan: TrainingPlan, day: datetime.date | None = None) -> list[RuleResult]:
    day = day or plan.application_date or timezone.localdate()
    return [rule(plan, day) for rule in RULES]


def all_ok(results: list[RuleResult]) -> bool:
    return all(r.ok for r in results)


def needs_second_approval(results: list[RuleResult]) -> bool:
    return any(r.needs_second_approval for r in results)
