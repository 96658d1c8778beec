from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.audit_trail import track


class SkillsConfig(AppConfig):
    name = "vakmanschap.skills"
    label = "skills"
    verbose_name = _("Skills and routes")

    def ready(self):
        from . import checks  # noqa: F401 - the title model's system check reads the settings

        for model in ("CourseSkill", "PersonOccupation", "PersonSkill"):
            track(self.get_model(model))
