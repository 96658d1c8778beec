"""Reference figures the monitor sets the fund's own figures against, imported from CSV."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LabourPotential(models.Model):
    """Untapped labour potential of a municipality in a year (CBS: onbenut arbeidspotentieel),
    with the fund's target groups within it; imported from CSV (`import_labour_potential`)."""

    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="labour_potential",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.PositiveIntegerField(_("untapped labour potential"))
    part_time_wants_more = models.PositiveIntegerField(
        _("part-timers who want more hours"), default=0
    )
    unemployed = models.PositiveIntegerField(_("unemployed"), default=0)
    status_holders = models.PositiveIntegerField(_("status holders"), default=0)

    class Meta:
        verbose_name = _("untapped labour potential")
        verbose_name_plural = _("untapped labour potential")
        ordering = ["municipality__name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="potential_once_a_year")
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"


class WelfareSource(models.TextChoices):
    RABO = "rabo", _("Bruto Twents Geluk (RaboResearch)")
    CBS = "cbs", _("CBS Monitor Brede Welvaart, here and now")


class WelfareMark(models.Model):
    """A region's broad-welfare mark (1–10) for one dimension in one year, from the
    RaboResearch survey (Bruto Twents Geluk) or the CBS monitor; imported from CSV
    (`import_broad_welfare`). The dimension keys are in `monitor/welfare.py`."""

    region = models.ForeignKey(
        "region.LabourMarketRegion",
        verbose_name=_("labour-market region"),
        on_delete=models.CASCADE,
        related_name="welfare_marks",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=8, choices=WelfareSource.choices)
    dimension = models.CharField(_("dimension"), max_length=40)
    mark = models.DecimalField(_("mark"), max_digits=3, decimal_places=1)

    class Meta:
        verbose_name = _("broad-welfare mark")
        verbose_name_plural = _("broad-welfare marks")
        ordering = ["region", "source", "dimension", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "source", "dimension"], name="welfare_mark_once"
            )
        ]

    def __str__(self):
        return f"{self.region} {self.year} {self.dimension}: {self.mark}"


# The summary tables: derived from the records by `summary_tables.refresh_all` (the daily job
# `monitor_summary` and `vakmanschap refresh_monitor`), never edited. The figures read these
# instead of counting a hundred thousand participants and a million ledger entries.


class PersonStep(models.Model):
    """A participant reached a step of the funnel on a day, `records` times (cheques, answers),
    with the participant's dimensions the filters narrow by. Distinct people per step and
    period are counted from here (see `previous_day`)."""

    region = models.ForeignKey(
        "region.LabourMarketRegion", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Erasing a participant erases their rows at once, not only at the next refresh.
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    municipality_code = models.CharField(max_length=6)
    work_situation = models.CharField(max_length=30)
    education_level = models.CharField(max_length=20)
    birth_date = models.DateField()
    step = models.CharField(max_length=20)
    day = models.DateField()
    records = models.PositiveIntegerField()
    # Started: the days from sign-up to each start on that day, summed.
    waited = models.DurationField(null=True)
    # The participant's previous day with the same step (None: the first). A period counts a
    # person once, on the row whose previous day lies before the period: a plain count, no
    # COUNT(DISTINCT), and counts per group (municipality, quarter) add up.
    previous_day = models.DateField(null=True)
    # Trained towards (completed): the plan's target occupation, for the shortage section.
    occupation = models.ForeignKey(
        "esco.Concept",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        db_index=False,
    )
    # Helped (follow-up answers): the helpfulness marks (1–5) summed.
    points = models.PositiveIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["region", "step", "day", "participant"], name="monitor_step_day"),
            models.Index(fields=["participant"], name="monitor_step_participant"),
        ]

    def __str__(self):
        return f"{self.step} {self.day}"


class MonthStep(models.Model):
    """`PersonStep` rows summed per month and the dimensions the unfiltered figures group by
    (municipality, work situation, occupation), with the month of each row's previous day.
    A period of whole months counts its people here: the rows whose previous month lies before
    the period's first month."""

    region = models.ForeignKey(
        "region.LabourMarketRegion", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    step = models.CharField(max_length=20)
    month = models.DateField()  # the first day
    previous_month = models.DateField(null=True)
    municipality_code = models.CharField(max_length=6)
    work_situation = models.CharField(max_length=30)
    occupation = models.ForeignKey(
        "esco.Concept",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        db_index=False,
    )
    people = models.PositiveIntegerField()  # the PersonStep rows
    records = models.PositiveIntegerField()
    waited = models.DurationField(null=True)
    points = models.PositiveIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["region", "month", "step"], name="monitor_month_step")]

    def __str__(self):
        return f"{self.step} {self.month:%Y-%m}"


class LedgerDay(models.Model):
    """A funding stream's ledger entries of one kind on one day, summed."""

    stream = models.ForeignKey(
        "funding.FundingStream", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=10)
    day = models.DateField()
    amount_cents = models.BigIntegerField()
    entries = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["stream", "day", "kind"], name="monitor_ledger_day")]

    def __str__(self):
        return f"{self.kind} {self.day}"


class SummaryRefresh(models.Model):
    """One refresh of the summary tables: the figures are those of `refreshed_at`."""

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField()
    person_steps = models.PositiveIntegerField()
    month_steps = models.PositiveIntegerField(default=0)
    ledger_days = models.PositiveIntegerField()

    class Meta:
        get_latest_by = "refreshed_at"

    def __str__(self):
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
