"""The social-innovation scan: a versioned questionnaire, scans (rounds) per employer,
respondents (management by login, employees by anonymous link) and their answers.

Questionnaire content is bilingual in the database (`*_nl`, `*_en`) so the fund edits it in
the admin; `label`/`text` give the text in the active language. A questionnaire version that
has been used by a scan is locked: the fund copies it to a new version to change it.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.core.presentation import format_day
from vakmanschap.network.tokens import hash_token, new_token

LINK_VALID_DAYS = 30


def _in_language(obj, field: str) -> str:
    lang = (get_language() or settings.LANGUAGE_CODE)[:2]
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_nl", "")


class QuestionnaireQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_published=True).order_by("-version").first()


class Questionnaire(models.Model):
    version = models.PositiveIntegerField(_("version"), unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("The highest published version is the one employers fill in."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def is_locked(self) -> bool:
        """Used by a scan: its content may no longer change (answers refer to it)."""
        return self.pk is not None and self.scans.exists()

    def structure(self):
        """[(dimension, [items])] in order, with one query per table."""
        dimensions = list(
            self.dimensions.order_by("order", "pk").prefetch_related(
                models.Prefetch("items", queryset=Item.objects.order_by("order", "pk")),
                "instruments",
            )
        )
        return [(d, list(d.items.all())) for d in dimensions]

    @transaction.atomic
    def copy_as_new_version(self) -> "Questionnaire":
        """An unpublished copy with the next version number, for the fund to edit."""
        next_version = (Questionnaire.objects.aggregate(v=models.Max("version"))["v"] or 0) + 1
        copy = Questionnaire.objects.create(
            version=next_version,
            title_nl=self.title_nl,
            title_en=self.title_en,
            is_published=False,
            notes=f"Copy of version {self.version}",
        )
        for dimension, items in self.structure():
            instruments = list(dimension.instruments.all())
            dimension.pk = None
            dimension.questionnaire = copy
            dimension.save()
            dimension.instruments.set(instruments)
            for item in items:
                item.pk = None
                item.dimension = dimension
                item.save()
        return copy


class Instrument(models.Model):
    """Something that pays for the advice: the fund's training cheques, development advice, SLIM."""

    key = models.SlugField(_("key"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    url = models.URLField(_("link"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def description(self) -> str:
        return _in_language(self, "description")


class Dimension(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="dimensions",
    )
    key = models.SlugField(_("key"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label_nl = models.CharField(_("label (Dutch)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    advice_nl = models.TextField(
        _("advice (Dutch)"), blank=True, help_text=_("Concrete actions, one per line.")
    )
    advice_en = models.TextField(
        _("advice (English)"), blank=True, help_text=_("Concrete actions, one per line.")
    )
    instruments = models.ManyToManyField(Instrument, blank=True, verbose_name=_("instruments"))

    class Meta:
        ordering = ["questionnaire", "order", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"], name="scan_dimension_unique_key"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self, "label")

    @property
    def advice(self) -> str:
        return _in_language(self, "advice")

    @property
    def actions(self) -> list[str]:
        return [line.strip() for line in self.advice.splitlines() if line.strip()]


class Item(models.Model):
    """One statement, answered on a 5-point agreement scale."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_nl = models.CharField(_("statement (Dutch)"), max_length=300)
    text_en = models.CharField(_("statement (English)"), max_length=300)
    reverse = models.BooleanField(
        _("reverse-scored"),
        default=False,
        help_text=_("Agreeing is unfavourable: the answer counts as 6 − answer."),
    )

    class Meta:
        ordering = ["dimension", "order", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self, "text")


class Scan(models.Model):
    """One round of the scan at one employer: a management response plus employees' responses.

    `scores` holds the published scores (see scoring.published_scores): over all respondents
    once the scan is closed with at least 5 of them, otherwise management's answers only.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="scans",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="scans")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    respondent_count = models.PositiveIntegerField(default=0)
    aggregated = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self):
        return f"{self.organisation} {format_day(self.created_at)}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Response(models.Model):
    """One respondent's answers. Employees are anonymous: no user, no link, only the date."""

    class Kind(models.TextChoices):
        MANAGEMENT = "management", _("Management")
        EMPLOYEE = "employee", _("Employee")

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["scan"],
                condition=models.Q(kind="management"),
                name="scan_one_management_response",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="employee", user__isnull=True)
                | models.Q(kind="management"),
                name="scan_employee_response_is_anonymous",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.scan}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="scan_answer_once_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="scan_answer_value_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.item_id}: {self.value}"


class RespondentLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        return self.filter(
            used=False, expires_at__gt=now or timezone.now(), scan__closed_at__isnull=True
        )


class RespondentLink(models.Model):
    """An anonymous, single-use link for one employee to answer one scan. Only the hash is kept,
    and the response it produces does not point back to it."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    used = models.BooleanField(default=False)

    objects = RespondentLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("respondent link")
        verbose_name_plural = _("respondent links")

    def __str__(self):
        return f"{self.scan} ({'used' if self.used else 'open'})"

    @classmethod
    def issue(cls, scan, days=LINK_VALID_DAYS):
        token = new_token()
        link = cls.objects.create(
            scan=scan,
            token_hash=hash_token(token),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        return link, token

    @classmethod
    def for_token(cls, token: str):
        return (
            cls.objects.select_related("scan__organisation", "scan__questionnaire")
            .filter(token_hash=hash_token(token))
            .first()
        )

    @property
    def is_usable(self) -> bool:
        return not self.used and self.expires_at > timezone.now() and self.scan.closed_at is None
