from .shortage import DEFAULT_REGION, ShortageList, ShortageOccupation
from .taxonomy import (
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
)

__all__ = [
    "DEFAULT_REGION", "FALLBACK_LANGUAGE", "Broader", "CollectionMembership", "Concept",
    "ConceptKind", "Description", "EscoRelease", "IscoGroup", "Label", "LabelKind", "LabelText",
    "Occupation", "OccupationSkill", "RelationType", "ReuseLevel", "ShortageList",
    "ShortageOccupation", "Skill", "SkillGroup", "SkillRelation", "SkillType",
    "attach_preferred_labels",
]
