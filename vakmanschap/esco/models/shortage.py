"""Shortage occupations (UWV's Kansberoepenlijst): every imported list is kept as a dated
version per region, so "the list valid on date D in region R" can always be answered."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.presentation import format_day
from vakmanschap.region.models import home_region_pk

from .taxonomy import Concept, ConceptKind

# A caller that names no region means the fund's home region.
DEFAULT_REGION = None


class ShortageList(models.Model):
    region = models.ForeignKey(
        "region.LabourMarketRegion",
        verbose_name=_("labour-market region"),
        on_delete=models.PROTECT,
        related_name="shortage_lists",
        default=home_region_pk,
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the list has no end date."),
    )
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    # Hash of the normalised entries: the same list imported twice is recognised.
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["region", "-valid_from", "-imported_at"]
        verbose_name = _("shortage occupation list")
        verbose_name_plural = _("shortage occupation lists")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="esco_shortage_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["region", "valid_from", "valid_to", "content_hash"],
                name="esco_shortage_unique_version",
            ),
            models.UniqueConstraint(
                fields=["region", "valid_from", "content_hash"],
                condition=Q(valid_to__isnull=True),
                name="esco_shortage_unique_open_version",
            ),
        ]

    def __str__(self):
        end = format_day(self.valid_to) if self.valid_to else "…"
        return f"{self.region.code} {format_day(self.valid_from)} – {end}"


class ShortageOccupation(models.Model):
    shortage_list = models.ForeignKey(
        ShortageList, verbose_name=_("list"), on_delete=models.CASCADE, related_name="entries"
    )
    occupation = models.ForeignKey(
        Concept,
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="shortage_entries",
        limit_choices_to={"kind": ConceptKind.OCCUPATION},
    )
    sector = models.CharField(_("sector"), max_length=50, blank=True)
    label = models.CharField(_("label in the source"), max_length=255, blank=True)
    basis = models.CharField(_("basis"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("shortage occupation")
        verbose_name_plural = _("shortage occupations")
        constraints = [
            models.UniqueConstraint(
                fields=["shortage_list", "occupation"], name="esco_shortage_unique_occupation"
            ),
        ]

    def __str__(self):
        return self.label or str(self.occupation)
