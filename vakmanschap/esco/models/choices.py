"""Choices and small value types of the ESCO models."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FALLBACK_LANGUAGE = "en"


class ConceptKind(models.TextChoices):
    OCCUPATION = "occupation", _("occupation")
    SKILL = "skill", _("skill")
    SKILL_GROUP = "skillgroup", _("skill group")
    ISCO_GROUP = "iscogroup", _("ISCO group")


class SkillType(models.TextChoices):
    SKILL = "skill/competence", _("skill/competence")
    KNOWLEDGE = "knowledge", _("knowledge")


class ReuseLevel(models.TextChoices):
    TRANSVERSAL = "transversal", _("transversal")
    CROSS_SECTOR = "cross-sector", _("cross-sector")
    SECTOR_SPECIFIC = "sector-specific", _("sector-specific")
    OCCUPATION_SPECIFIC = "occupation-specific", _("occupation-specific")


class RelationType(models.TextChoices):
    ESSENTIAL = "essential", _("essential")
    OPTIONAL = "optional", _("optional")


class LabelSource(models.TextChoices):
    """Where a label came from: the release itself, or the ESCO–VDAB competence mapping."""

    ESCO = "esco", _("ESCO release")
    ESCO_VDAB = "esco-vdab", _("ESCO 1.0.3 via the ESCO–VDAB mapping")
    VDAB = "vdab", _("VDAB Competent (exact or close match)")


class LabelKind(models.IntegerChoices):
    PREFERRED = 1, _("preferred label")
    ALT = 2, _("alternative label")
    HIDDEN = 3, _("hidden label")


COLLECTION_NAMES = {
    "digital": _("digital skills"),
    "green": _("green skills"),
    "language": _("language skills"),
    "transversal": _("transversal skills"),
    "research": _("research skills"),
    "digComp": _("DigComp (digital competences)"),
    "researchOccupations": _("research occupations"),
}


class LabelText(tuple):
    """(text, is_fallback), and `.language`: the language the text is actually in. `.area`:
    for a skill shown in a fallback language, its skill group's label in the asked language,
    so the reader at least knows the field."""

    def __new__(cls, text: str, is_fallback: bool, language: str = "", area: str = ""):
        obj = super().__new__(cls, (text, is_fallback))
        obj.language = language
        obj.area = area
        return obj

    @property
    def text(self) -> str:
        return self[0]

    @property
    def is_fallback(self) -> bool:
        return self[1]


def current_language() -> str:
    return (get_language() or "nl").split("-")[0]
