"""Who can apply: the current scheme's rules as the public reads them.

Built from the same scheme fields the eligibility rules (`eligibility.py`) check, so the public
page changes the moment the fund changes its scheme and never says anything the check does not.
"""

import datetime
from dataclasses import dataclass

from vakmanschap.people.choices import TARGET_GROUPS, WorkSituation

from .models import Scheme
from .schemes import current_scheme


@dataclass(frozen=True)
class PublicConditions:
    scheme_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    municipalities: list[str]
    region: str
    min_age: int
    #: The first age at which one can no longer apply: years and months (the state pension age).
    max_age_years: int
    max_age_months: int
    max_course_level: int
    max_amount_cents: int
    cheque_validity_months: int
    attendance_threshold: int
    requires_held_conversation: bool
    #: Labels of the target groups that go first on the waiting list; empty if none do.
    priority_groups: list[str]


def conditions(scheme: Scheme) -> PublicConditions:
    groups = [label for value, label in WorkSituation.choices if value in TARGET_GROUPS]
    return PublicConditions(
        scheme_name=scheme.name,
        valid_from=scheme.valid_from,
        valid_to=scheme.valid_to,
        municipalities=sorted(str(m) for m in scheme.municipalities.all()),
        region=str(scheme.region),
        min_age=scheme.min_age,
        max_age_years=scheme.max_age_months // 12,
        max_age_months=scheme.max_age_months % 12,
        max_course_level=scheme.max_course_level,
        max_amount_cents=scheme.max_amount_cents,
        cheque_validity_months=scheme.cheque_validity_months,
        attendance_threshold=scheme.attendance_threshold,
        requires_held_conversation=scheme.requires_held_conversation,
        priority_groups=groups if scheme.prioritise_target_groups else [],
    )


def current_conditions(day: datetime.date | None = None) -> PublicConditions | None:
    """The conditions of the scheme that applies today; None when no scheme applies."""
    scheme = current_scheme(day)
    return conditions(scheme) if scheme is not None else None
