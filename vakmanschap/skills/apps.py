from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "vakmanschap.skills"
    label = "skills"
    verbose_name = _("Skills and routes")

    def ready(self):
        from auditlog.registry import auditlog

        from . import checks  # noqa: F401  (the title model setting)
        from .models import CourseSkill, PersonOccupation, PersonSkill

        for model in (CourseSkill, PersonOccupation, PersonSkill):
            auditlog.register(model)
