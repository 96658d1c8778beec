from .shortage import DEFAULT_REGION, ShortageList, ShortageOccupation
from .taxonomy import (
    COLLECTION_NAMES,
    FALLBACK_LANGUAGE,
    Broader,
    CollectionMembership,
    Concept,
    ConceptKind,
    Description,
    EscoRelease,
    IscoGroup,
    Label,
    LabelKind,
    LabelText,
    Occupation,
    OccupationSkill,
    RelationType,
    ReuseLevel,
    Skill,
    SkillGroup,
    SkillRelation,
    SkillType,
    attach_preferred_labels,
    current_language,
)

__all__ = [
    "COLLECTION_NAMES",
    "DEFAULT_REGION", "FALLBACK_LANGUAGE", "Broader", "CollectionMembership", "Concept",
    "ConceptKind", "Description", "EscoRelease", "IscoGroup", "Label", "LabelKind", "LabelText",
    "Occupation", "OccupationSkill", "RelationType", "ReuseLevel", "ShortageList",
    "ShortageOccupation", "Skill", "SkillGroup", "SkillRelation", "SkillType",
    "attach_preferred_labels", "current_language",
]
