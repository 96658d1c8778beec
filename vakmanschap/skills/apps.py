from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track
from vakmanschap.funding import plan_warnings


class SkillsConfig(AppConfig):
    name = "vakmanschap.skills"
    label = "skills"
    verbose_name = _("Skills and routes")

    def ready(self):
        from . import checks  # noqa: F401 - the title model's system check reads the settings
        from .plan_warnings import course_misses_occupation  # uses models: not at load time

        plan_warnings.register(course_misses_occupation)

        for model in ("CourseSkill", "PersonOccupation", "PersonSkill"):
            track(self.get_model(model))
