"""Warnings on a plan: they stop nothing, but the fund officer weighs them before deciding, each
with its reason. Some come from apps above funding (which skills a course teaches is known to
`skills`); they register a source here from their `ready()`. Warnings are worked out when shown,
in the reader's language, never stored."""

from collections.abc import Callable, Sequence

# A source gets the plan and its plan courses (with their courses) and answers its warnings.
WarningSource = Callable[[object, Sequence], list[str]]

_sources: list[WarningSource] = []


def register(source: WarningSource) -> None:
    if source not in _sources:
        _sources.append(source)


def for_plan(plan, plan_courses: Sequence | None = None) -> list[str]:
    """Pass the plan courses when the page has them already (with `course`), to save a query."""
    if plan_courses is None:
        plan_courses = list(plan.courses.select_related("course"))
    return [warning for source in _sources for warning in source(plan, plan_courses)]
