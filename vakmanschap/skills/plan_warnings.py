"""A course that teaches none of the target occupation's skills: its ESCO skill tags do not
touch the occupation's essential and optional skills. Registered with `funding.plan_warnings`.

One query for all the plan's courses. A course without skill tags, or an occupation without
skills in the database, gives no warning: there is nothing to compare."""

from django.db.models import Count, Exists, Q
from django.utils.translation import gettext as _

from vakmanschap.esco.models import OccupationSkill

from .models import CourseSkill


def course_misses_occupation(plan, plan_courses) -> list[str]:
    courses = {pc.course_id: pc.course for pc in plan_courses}
    if not courses:
        return []
    occupation_skills = OccupationSkill.objects.filter(occupation_id=plan.target_occupation_id)
    rows = (
        CourseSkill.objects.filter(course_id__in=courses)
        .values("course_id")
        .annotate(
            touching=Count("pk", filter=Q(skill_id__in=occupation_skills.values("skill_id"))),
            occupation_has_skills=Exists(occupation_skills),
        )
        .order_by("course_id")
    )
    occupation = str(plan.target_occupation)
    return [
        _("The course %(course)s teaches none of the skills of the occupation %(occupation)s.")
        % {"course": courses[row["course_id"]].title, "occupation": occupation}
        for row in rows
        if row["occupation_has_skills"] and row["touching"] == 0
    ]
