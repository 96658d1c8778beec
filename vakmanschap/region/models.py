from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

cbs_code_validator = RegexValidator(r"^GM\d{4}$", _("A CBS municipality code looks like GM0153."))


class LabourMarketRegionQuerySet(models.QuerySet):
    def home(self) -> "LabourMarketRegion":
        """The fund's own region: the one marked as home, else the one named in the setting
        VAKMANSCHAP_HOME_REGION (made if missing, as on a fresh install)."""
        region = self.filter(is_home=True).first()
        if region is None:
            code, name = settings.VAKMANSCHAP_HOME_REGION
            region, _created = self.get_or_create(code=code, defaults={"name": name})
        return region

    def by_code(self, code) -> "LabourMarketRegion":
        """A region from its code; a region passes through; None gives the home region."""
        if isinstance(code, LabourMarketRegion):
            return code
        if code is None:
            return self.home()
        code = str(code).strip().lower()
        if "\x00" in code:  # no code holds one, and PostgreSQL refuses it even in a query
            raise self.model.DoesNotExist
        return self.get(code=code)


class LabourMarketRegion(models.Model):
    """One of the 35 Dutch labour-market regions (arbeidsmarktregio's), e.g. Twente."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_home = models.BooleanField(
        _("the fund's home region"),
        default=False,
        help_text=_("Used where no region is chosen, e.g. for a new funding stream."),
    )

    goal_per_year = models.PositiveIntegerField(_("goal: people trained per year"), default=1500)
    goal_total = models.PositiveIntegerField(_("goal: people trained in total"), default=6000)

    objects = LabourMarketRegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("labour-market region")
        verbose_name_plural = _("labour-market regions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"], condition=models.Q(is_home=True), name="region_one_home"
            ),
        ]

    def __str__(self):
        return self.name


def home_region_pk() -> int:
    """Default for the region of schemes, shortage lists and funding streams."""
    return LabourMarketRegion.objects.home().pk


class Municipality(models.Model):
    """A municipality, identified by its CBS code (e.g. GM0153 Enschede)."""

    cbs_code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        LabourMarketRegion,
        verbose_name=_("labour-market region"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name
