"""Relations between ESCO concepts, each synced as a whole by the import."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import COLLECTION_NAMES, RelationType, SkillType
from .taxonomy import Concept


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="skill_links", db_index=False
    )
    skill = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="occupation_links")
    relation_type = models.CharField(_("relation"), max_length=10, choices=RelationType.choices)
    skill_type = models.CharField(
        _("skill type"), max_length=20, blank=True, choices=SkillType.choices
    )

    class Meta:
        verbose_name = _("occupation–skill relation")
        verbose_name_plural = _("occupation–skill relations")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="esco_occskill_unique"),
            models.CheckConstraint(
                condition=models.Q(relation_type__in=RelationType.values),
                name="esco_occskill_relation_type",
            ),
        ]

    def __str__(self):
        return f"{self.occupation_id} → {self.skill_id} ({self.relation_type})"


class Broader(models.Model):
    """A broader relation of either pillar (occupation/ISCO, skill/skill group)."""

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="broader_links", db_index=False
    )
    broader = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="narrower_links")

    class Meta:
        verbose_name = _("broader relation")
        verbose_name_plural = _("broader relations")
        constraints = [
            models.UniqueConstraint(fields=["concept", "broader"], name="esco_broader_unique"),
            models.CheckConstraint(
                condition=~models.Q(concept=models.F("broader")), name="esco_broader_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.concept_id} → {self.broader_id}"


class SkillRelation(models.Model):
    skill = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="related_links", db_index=False
    )
    related = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+")
    relation_type = models.CharField(_("relation"), max_length=10, choices=RelationType.choices)

    class Meta:
        verbose_name = _("skill–skill relation")
        verbose_name_plural = _("skill–skill relations")
        constraints = [
            models.UniqueConstraint(fields=["skill", "related"], name="esco_skillrel_unique"),
        ]

    def __str__(self):
        return f"{self.skill_id} → {self.related_id} ({self.relation_type})"


class CollectionMembership(models.Model):
    """Membership of an ESCO collection (digital, green, language, transversal, ...).

    A plain code rather than choices: newer ESCO releases add collections."""

    collection = models.CharField(_("collection"), max_length=40)
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="collections")

    class Meta:
        verbose_name = _("collection membership")
        verbose_name_plural = _("collection memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "concept"], name="esco_collection_unique"
            ),
        ]

    def __str__(self):
        return f"{self.collection}: {self.concept_id}"

    @property
    def collection_name(self) -> str:
        return str(COLLECTION_NAMES.get(self.collection, self.collection))
