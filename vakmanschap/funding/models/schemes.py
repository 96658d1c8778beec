"""The fund's scheme (regeling): the rules a training plan is checked against."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vakmanschap.region.models import home_region_pk


class LowAttendancePolicy(models.TextChoices):
    PRO_RATA = "pro_rata", _("Pay pro rata to attendance")
    RECOVERY = "recovery", _("Open a recovery (terugvordering)")


class Scheme(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    region = models.ForeignKey(
        "region.LabourMarketRegion",
        verbose_name=_("labour-market region"),
        on_delete=models.PROTECT,
        related_name="schemes",
        default=home_region_pk,
        help_text=_("The shortage-occupation list of this region applies."),
    )
    municipalities = models.ManyToManyField("region.Municipality", verbose_name=_("municipalities"))
    min_age = models.PositiveSmallIntegerField(_("minimum age (years)"), default=18)
    # State pension age (AOW) 2026–2027: 67 years and 3 months.
    max_age_months = models.PositiveSmallIntegerField(_("maximum age (months)"), default=807)
    max_course_level = models.PositiveSmallIntegerField(_("highest course level (MBO)"), default=4)
    max_amount_cents = models.PositiveIntegerField(
        _("maximum per participant (cents)"), default=250_000
    )
    course_cheque_cap = models.PositiveIntegerField(_("cheques per course per window"), default=300)
    cap_window_days = models.PositiveSmallIntegerField(
        _("window for the course cap (days)"), default=365
    )
    cheque_validity_months = models.PositiveSmallIntegerField(
        _("cheque validity (months)"), default=6
    )
    attendance_threshold = models.PositiveSmallIntegerField(_("minimum attendance (%)"), default=80)
    low_attendance_policy = models.CharField(
        _("below minimum attendance"),
        max_length=10,
        choices=LowAttendancePolicy.choices,
        default=LowAttendancePolicy.PRO_RATA,
    )
    requires_held_conversation = models.BooleanField(
        _("held career conversation before submitting"),
        default=True,
        help_text=_("A plan is submitted only after a career conversation has been held."),
    )
    prioritise_target_groups = models.BooleanField(
        _("target groups first on the waiting list"),
        default=True,
        help_text=_("Part-timers wanting more hours, unemployed people and status holders."),
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="scheme_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100), name="scheme_attendance_is_percentage"
            ),
        ]

    def __str__(self):
        return self.name

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class RecognisedProvider(models.Model):
    """The fund's recognition of a training provider; a suspended provider gets no cheques."""

    provider = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="recognition",
        verbose_name=_("provider"),
    )
    recognised_since = models.DateField(_("recognised since"))
    suspended = models.BooleanField(_("suspended"), default=False)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)

    class Meta:
        verbose_name = _("recognised provider")
        verbose_name_plural = _("recognised providers")
        constraints = [
            models.CheckConstraint(
                condition=Q(suspended=False) | ~Q(suspension_reason=""),
                name="suspension_needs_reason",
            ),
        ]

    def __str__(self):
        return str(self.provider)
