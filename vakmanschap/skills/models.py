"""What the skills engine needs from the database besides ESCO: course skill tags and a
participant's occupations held and skills (confirmed, added, removed)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vakmanschap.esco.models import ConceptKind


class CourseSkill(models.Model):
    """An ESCO skill a course teaches. Suggested by the engine, confirmed by a person."""

    course = models.ForeignKey(
        "catalogue.Course",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="skill_tags",
    )
    skill = models.ForeignKey(
        "esco.Concept",
        verbose_name=_("skill"),
        on_delete=models.CASCADE,
        related_name="course_tags",
        limit_choices_to={"kind": ConceptKind.SKILL},
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)
    score = models.FloatField(_("suggestion score"), null=True, blank=True)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tagged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course", "-confirmed", "-score", "id"]
        verbose_name = _("course skill")
        verbose_name_plural = _("course skills")
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="skills_courseskill_unique")
        ]

    def __str__(self):
        return f"{self.course_id} → {self.skill_id}"


class PersonOccupation(models.Model):
    """An ESCO occupation a participant held, with years of experience."""

    participant = models.ForeignKey(
        "people.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="occupations_held",
    )
    occupation = models.ForeignKey(
        "esco.Concept",
        verbose_name=_("occupation"),
        on_delete=models.CASCADE,
        related_name="held_by",
        limit_choices_to={"kind": ConceptKind.OCCUPATION},
    )
    years = models.DecimalField(
        _("years of experience"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["participant", "-years", "id"]
        verbose_name = _("occupation held")
        verbose_name_plural = _("occupations held")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "occupation"], name="skills_personocc_unique"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.occupation_id} ({self.years})"


class SkillStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    ADDED = "added", _("added")
    REMOVED = "removed", _("removed")


class PersonSkill(models.Model):
    """A participant's own say about a skill: confirmed (of an occupation held), added, or
    removed (the person does not have this essential skill of an occupation held)."""

    participant = models.ForeignKey(
        "people.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="skills",
    )
    skill = models.ForeignKey(
        "esco.Concept",
        verbose_name=_("skill"),
        on_delete=models.CASCADE,
        related_name="held_by_people",
        limit_choices_to={"kind": ConceptKind.SKILL},
    )
    status = models.CharField(_("status"), max_length=10, choices=SkillStatus.choices)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["participant", "status", "id"]
        verbose_name = _("skill of a participant")
        verbose_name_plural = _("skills of participants")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "skill"], name="skills_personskill_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SkillStatus.values), name="skills_personskill_status"
            ),
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.skill_id} ({self.status})"
