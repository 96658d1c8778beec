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
    LabelSource,
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
        """Preferred label in `lang` (default: active language); else English, marked, and
        for a skill with its skill group's label in `lang` (see `skill_areas`)."""
        lang = lang or current_language()
        prefs = self._preferred()
        if prefs.get(lang):
            return LabelText(prefs[lang], False, lang)
        for code in (FALLBACK_LANGUAGE, *sorted(prefs)):
            if prefs.get(code):
                return LabelText(prefs[code], True, code, self._area(lang))
        return LabelText("", True, "")

    def _area(self, lang: str) -> str:
        if self.kind != ConceptKind.SKILL:
            return ""
        areas = getattr(self, "_area_cache", None)
        if areas is None:
            areas = self._area_cache = {}
        if lang not in areas:
            areas[lang] = skill_areas([self.pk], lang).get(self.pk, "")
        return areas[lang]

    def labels_by_language(self) -> dict[str, dict]:
        """{lang: {"preferred": [...], "alt": [...], "hidden": [...], "sources": {source:
        [texts]}}} for detail pages; `sources` says where the shown labels came from."""
        names = {LabelKind.PREFERRED: "preferred", LabelKind.ALT: "alt", LabelKind.HIDDEN: "hidden"}
        out: dict[str, dict] = {}
        rows = self.labels.order_by("language", "kind", "text").values_list(
            "language", "kind", "text", "source"
        )
        for lang, kind, text, source in rows:
            section = out.setdefault(
                lang, {"preferred": [], "alt": [], "hidden": [], "sources": {}}
            )
            section[names[kind]].append(text)
            if kind != LabelKind.HIDDEN:
                section["sources"].setdefault(source, []).append(text)
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
    if langs and current_language() not in langs:
        return concepts
    return attach_skill_areas(concepts)


AREA_DEPTH = 6  # skill → broader skills → skill groups; ESCO's skill pillar is shallower


def skill_areas(skill_ids, lang: str) -> dict[int, str]:
    """{skill id: preferred label in `lang` of the nearest skill group above it that has one}.
    Two queries per level of the hierarchy, for any number of skills."""
    found: dict[int, str] = {}
    current = {pk: [pk] for pk in skill_ids}
    for _level in range(AREA_DEPTH):
        nodes = {n for ns in current.values() for n in ns}
        if not nodes:
            break
        parents: dict[int, list[int]] = {}
        groups = set()
        for child, parent, kind in Concept.objects.filter(
            narrower_links__concept_id__in=nodes
        ).values_list("narrower_links__concept_id", "id", "kind"):
            parents.setdefault(child, []).append(parent)
            if kind == ConceptKind.SKILL_GROUP:
                groups.add(parent)
        labels = dict(
            Label.objects.filter(
                concept_id__in=groups, language=lang, kind=LabelKind.PREFERRED
            ).values_list("concept_id", "text")
        )
        following = {}
        for origin, ns in current.items():
            above = [p for n in ns for p in parents.get(n, ())]
            named = sorted(labels[p] for p in above if p in labels)
            if named:
                found[origin] = named[0]
            elif above:
                following[origin] = above
        current = following
    return found


def attach_skill_areas(concepts, lang: str | None = None) -> list:
    """Fill the area of every skill in `concepts` that has no label in `lang`, in bulk."""
    lang = lang or current_language()
    concepts = list(concepts)
    lacking = [
        c
        for c in concepts
        if c.kind == ConceptKind.SKILL
        and not c._preferred().get(lang)
        and lang not in (getattr(c, "_area_cache", None) or {})
    ]
    if lacking:
        areas = skill_areas({c.pk for c in lacking}, lang)
        for c in lacking:
            c._area_cache = {**(getattr(c, "_area_cache", None) or {}), lang: areas.get(c.pk, "")}
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
    source = models.CharField(
        _("source"), max_length=12, choices=LabelSource.choices, default=LabelSource.ESCO
    )

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
