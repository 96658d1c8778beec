"""The ESCO taxonomy as imported from the official CSV downloads.

One `Concept` table holds occupations, skills, skill groups and ISCO groups (kind + proxy
models), so that labels, descriptions and relations each need only one table and the import
can bulk-load them. Labels are rows (concept, language, kind, text).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    FALLBACK_LANGUAGE,
    ConceptKind,
    LabelKind,
    LabelText,
    ReuseLevel,
    SkillType,
    current_language,
)


class Concept(models.Model):
    uri = models.CharField(_("URI"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ConceptKind.choices)
    # Occupation: ESCO code ("2654.1.7"); ISCO group: ISCO code; skill group: "S1.2" etc.
    code = models.CharField(_("code"), max_length=40, blank=True)
    skill_type = models.CharField(
        _("skill type"), max_length=20, blank=True, choices=SkillType.choices
    )
    reuse_level = models.CharField(
        _("reuse level"), max_length=20, blank=True, choices=ReuseLevel.choices
    )
    isco_group = models.ForeignKey(
        "self",
        verbose_name=_("ISCO group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="isco_occupations",
        limit_choices_to={"kind": ConceptKind.ISCO_GROUP},
    )
    status = models.CharField(_("status"), max_length=20, blank=True)

    class Meta:
        ordering = ["kind", "code", "uri"]
        verbose_name = _("ESCO concept")
        verbose_name_plural = _("ESCO concepts")
        indexes = [models.Index(fields=["kind", "code"], name="esco_concept_kind_code")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ConceptKind.values), name="esco_concept_known_kind"
            ),
        ]

    def __str__(self):
        return self.label().text or self.uri

    # Labels: `preferred_labels` may be filled in bulk by `attach_preferred_labels`.
    def _preferred(self) -> dict[str, str]:
        cached = getattr(self, "_preferred_cache", None)
        if cached is None:
            cached = dict(
                self.labels.filter(kind=LabelKind.PREFERRED).values_list("language", "text")
            )
            self._preferred_cache = cached
        return cached

    def label(self, lang: str | None = None) -> LabelText:
        """Preferred label in `lang` (default: active language); else English, marked."""
        lang = lang or current_language()
        prefs = self._preferred()
        for code in (lang, FALLBACK_LANGUAGE, *sorted(prefs)):
            if prefs.get(code):
                return LabelText(prefs[code], code != lang, code)
        return LabelText("", True, "")

    def labels_by_language(self) -> dict[str, dict[str, list[str]]]:
        """{lang: {"preferred": [...], "alt": [...], "hidden": [...]}} for detail pages."""
        names = {LabelKind.PREFERRED: "preferred", LabelKind.ALT: "alt", LabelKind.HIDDEN: "hidden"}
        out: dict[str, dict[str, list[str]]] = {}
        for lang, kind, text in self.labels.order_by("language", "kind", "text").values_list(
            "language", "kind", "text"
        ):
            out.setdefault(lang, {"preferred": [], "alt": [], "hidden": []})[names[kind]].append(
                text
            )
        return out

    def description(self, lang: str | None = None) -> LabelText:
        lang = lang or current_language()
        texts = dict(self.descriptions.values_list("language", "text"))
        for code in (lang, FALLBACK_LANGUAGE, *sorted(texts)):
            if texts.get(code):
                return LabelText(texts[code], code != lang, code)
        return LabelText("", False, "")


def attach_preferred_labels(concepts, langs=None) -> list:
    """Load the preferred labels of many concepts in one query (for lists). The same concept
    may appear as several objects (e.g. the target occupation of many plans)."""
    concepts = list(concepts)
    by_id: dict[int, list] = {}
    for c in concepts:
        c._preferred_cache = {}
        by_id.setdefault(c.pk, []).append(c)
    qs = Label.objects.filter(concept_id__in=by_id, kind=LabelKind.PREFERRED)
    if langs:
        qs = qs.filter(language__in=langs)
    for cid, lang, text in qs.values_list("concept_id", "language", "text"):
        for concept in by_id[cid]:
            concept._preferred_cache[lang] = text
    return concepts


class KindManager(models.Manager):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class _KindMixin:
    KIND = ""

    def save(self, *args, **kwargs):
        self.kind = self.KIND
        super().save(*args, **kwargs)


class Occupation(_KindMixin, Concept):
    KIND = ConceptKind.OCCUPATION
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")


class Skill(_KindMixin, Concept):
    KIND = ConceptKind.SKILL
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class SkillGroup(_KindMixin, Concept):
    KIND = ConceptKind.SKILL_GROUP
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")


class IscoGroup(_KindMixin, Concept):
    KIND = ConceptKind.ISCO_GROUP
    objects = KindManager(KIND)

    class Meta:
        proxy = True
        verbose_name = _("ISCO group")
        verbose_name_plural = _("ISCO groups")


class Label(models.Model):
    # db_index=False: the unique constraint below starts with concept_id (cheaper bulk loads).
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="labels", db_index=False
    )
    language = models.CharField(_("language"), max_length=8)
    kind = models.PositiveSmallIntegerField(_("kind"), choices=LabelKind.choices)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        indexes = [models.Index(fields=["text"], name="esco_label_text")]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "language", "kind", "text"], name="esco_label_unique"
            ),
            models.UniqueConstraint(
                fields=["concept", "language"],
                condition=models.Q(kind=LabelKind.PREFERRED),
                name="esco_label_one_preferred",
            ),
        ]

    def __str__(self):
        return f"{self.text} ({self.language})"


class Description(models.Model):
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="descriptions", db_index=False
    )
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("description")
        verbose_name_plural = _("descriptions")
        constraints = [
            models.UniqueConstraint(fields=["concept", "language"], name="esco_description_unique")
        ]

    def __str__(self):
        return f"{self.text[:60]} ({self.language})"


class EscoRelease(models.Model):
    version = models.CharField(_("version"), max_length=40, unique=True)
    languages = models.JSONField(_("languages"), default=list)
    imported_at = models.DateTimeField(_("imported at"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["-imported_at"]
        get_latest_by = "imported_at"
        verbose_name = _("ESCO release")
        verbose_name_plural = _("ESCO releases")

    def __str__(self):
        return f"ESCO {self.version} ({', '.join(self.languages)})"
