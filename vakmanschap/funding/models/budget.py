"""Funding streams, their budget periods, and the append-only money ledger.

All amounts are integer euro cents. Balances are never stored: they are sums over the ledger.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vakmanschap.core import coded
from vakmanschap.core.presentation import format_day
from vakmanschap.region.models import home_region_pk


class FunderKind(models.TextChoices):
    REGIO_DEAL = "regio_deal", _("Regio Deal")
    PROVINCE = "province", _("Province")
    MUNICIPALITIES = "municipalities", _("Municipalities")
    EMPLOYERS = "employers", _("Employers")
    OTHER = "other", _("Other")


class FundingStream(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    funder_kind = models.CharField(
        _("funder"), max_length=20, choices=FunderKind.choices, default=FunderKind.OTHER
    )
    region = models.ForeignKey(
        "region.LabourMarketRegion",
        verbose_name=_("labour-market region"),
        on_delete=models.PROTECT,
        related_name="funding_streams",
        default=home_region_pk,
    )
    # An employer's own stream for its co-financing: found by this key, never by its name, so
    # a renamed employer keeps its stream.
    employer = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_financing_stream",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding stream")
        verbose_name_plural = _("funding streams")

    def __str__(self):
        return self.name


class BudgetPeriod(models.Model):
    """A stretch of time in which a stream has money to give. Its row is the budget lock."""

    stream = models.ForeignKey(
        FundingStream, on_delete=models.PROTECT, related_name="periods", verbose_name=_("stream")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["stream", "start"]
        verbose_name = _("budget period")
        verbose_name_plural = _("budget periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")),
                name="budget_period_start_before_end",
            ),
            models.UniqueConstraint(fields=["stream", "start"], name="budget_period_unique_start"),
        ]

    def __str__(self):
        return f"{self.stream} {format_day(self.start)} – {format_day(self.end)}"


class EntryKind(models.TextChoices):
    ALLOCATE = "allocate", _("Allocate")
    RESERVE = "reserve", _("Reserve")
    RELEASE = "release", _("Release")
    COMMIT = "commit", _("Commit")
    DECOMMIT = "decommit", _("Give back committed money")
    PAY = "pay", _("Pay")
    RECOVER = "recover", _("Recover")


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The ledger is append-only: entries are never updated.")

    def delete(self):
        raise TypeError("The ledger is append-only: entries are never deleted.")


class LedgerEntry(models.Model):
    """One movement of money. Append-only: corrections are new entries (release, recover)."""

    period = models.ForeignKey(BudgetPeriod, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    amount_cents = models.BigIntegerField()
    # The cheque whose money moves; none for an allocation (money arriving for the fund). An
    # employer's co-financing allocation is pointed to by its `Nomination.ledger_entry`.
    cheque = models.ForeignKey(
        "funding.Cheque",
        verbose_name=_("cheque"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    # What the system writes is a code with parameters (`core.coded`, codes in `funding.texts`),
    # shown in the reader's language; `reason` keeps a person's own words and rows written
    # before codes existed.
    reason = models.CharField(max_length=300, blank=True)
    reason_code = models.CharField(max_length=80, null=True, blank=True)
    reason_params = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["period", "kind"], name="ledger_period_kind"),
            models.Index(fields=["period", "id"], name="ledger_period_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="ledger_amount_positive"
            ),
            # An allocation belongs to no cheque; every other movement to exactly one.
            models.CheckConstraint(
                condition=models.Q(kind="allocate", cheque__isnull=True)
                | (~models.Q(kind="allocate") & models.Q(cheque__isnull=False)),
                name="ledger_cheque_for_each_movement",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.amount_cents} ({self.cheque_id or self.period})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The ledger is append-only: entries are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The ledger is append-only: entries are never deleted.")

    @property
    def reason_text(self) -> str:
        """The reason in the reader's language (a code), or as it was typed."""
        if self.reason_code:
            return coded.render_code(self.reason_code, self.reason_params)
        return self.reason


class LedgerCheckpoint(models.Model):
    """Immutable running sums of a period's entries up to `last_entry_id`.

    Written under the period lock every few hundred entries, so a balance is the latest
    checkpoint plus the few entries after it, not a sum over a million rows. Derived data:
    it can always be rebuilt from the entries, and it is never updated.
    """

    period = models.ForeignKey(BudgetPeriod, on_delete=models.PROTECT, related_name="checkpoints")
    last_entry_id = models.BigIntegerField()
    allocate = models.BigIntegerField(default=0)
    reserve = models.BigIntegerField(default=0)
    release = models.BigIntegerField(default=0)
    commit = models.BigIntegerField(default=0)
    decommit = models.BigIntegerField(default=0)
    pay = models.BigIntegerField(default=0)
    recover = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "last_entry_id"], name="checkpoint_unique"),
        ]

    def __str__(self):
        return f"{self.period} ≤ {self.last_entry_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Ledger checkpoints are never updated.")
        super().save(*args, **kwargs)

    def sums(self) -> dict[str, int]:
        return {kind: getattr(self, kind) for kind in EntryKind.values}
