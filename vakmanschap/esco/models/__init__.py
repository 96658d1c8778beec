from .choices import (
    COLLECTION_NAMES,
    FALLBACK_LANGUAGE,
    ConceptKind,
    LabelKind,
    LabelText,
    RelationType,
    ReuseLevel,
    SkillType,
    current_language,
)
from .relations import Broader, CollectionMembership, OccupationSkill, SkillRelation
from .shortage import DEFAULT_REGION, ShortageList, ShortageOccupation
from .taxonomy import (
    Concept,
    Description,
    EscoRelease,
    IscoGroup,
    Label,
    Occupation,
    Skill,
    SkillGroup,
    attach_preferred_labels,
)

__all__ = [
    "COLLECTION_NAMES", "DEFAULT_REGION", "FALLBACK_LANGUAGE", "Broader", "CollectionMembership",
    "Concept", "ConceptKind", "Description", "EscoRelease", "IscoGroup", "Label", "LabelKind",
    "LabelText", "Occupation", "OccupationSkill", "RelationType", "ReuseLevel", "ShortageList",
    "ShortageOccupation", "Skill", "SkillGroup", "SkillRelation", "SkillType",
    "attach_preferred_labels", "current_language",
]
