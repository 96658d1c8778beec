"""Employer-backed training: an employer nominates an employee for a route into a shortage
occupation. Rules live in `services.py`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind

NOMINATION_VALID_DAYS = 21


class NominationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONSENTED = "consented", _("Consented")
    DECLINED = "declined", _("Declined")


class NominationSituation(models.TextChoices):
    """The employee's work situation as the employer knows it; copied to the participant."""

    EMPLOYED_FULL_TIME = "employed_full_time", _("Employed full time")
    PART_TIME_WANTS_MORE = "part_time_wants_more", _("Employed part time and wanting more hours")
    STATUS_HOLDER = "status_holder", _("Status holder")


class NominationQuerySet(models.QuerySet):
    def of_employer(self, organisation):
        return self.filter(organisation=organisation)


class Nomination(models.Model):
    """An employer puts an employee forward for a route into a shortage occupation.

    Nothing about the employee is shared with the fund's advisors until the employee consents
    on the public page behind the e-mailed link (token hashed, single use, expiring). The
    employer only ever sees the status, never the participant's record or conversation notes.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="nominations",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    current_job = models.CharField(_("current job"), max_length=200)
    work_situation = models.CharField(
        _("work situation"),
        max_length=24,
        choices=NominationSituation.choices,
        default=NominationSituation.PART_TIME_WANTS_MORE,
    )
    hours_now = models.PositiveSmallIntegerField(
        _("hours per week now"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    extra_hours_offer = models.PositiveSmallIntegerField(
        _("more hours after training (hours per week)"),
        default=0,
        validators=[MaxValueValidator(40)],
        help_text=_(
            "The extra hours per week you offer once the training is completed; 0 for none."
        ),
    )
    target_occupation = models.ForeignKey(
        "esco.Concept",
        verbose_name=_("shortage occupation"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
    )
    co_financing_cents = models.PositiveIntegerField(_("co-financing by the employer"), default=0)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.INVITED,
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    # After the training the employer records what came of it (the monitor counts these).
    stayed_on = models.BooleanField(_("the employee stayed"), null=True, blank=True)
    got_more_hours = models.BooleanField(_("the employee got more hours"), null=True, blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    participant = models.OneToOneField(
        "people.Participant",
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nomination",
    )
    ledger_entry = models.ForeignKey(
        "funding.LedgerEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        db_table = "network_nomination"  # the table predates the split of `network`
        ordering = ["-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="consented") | models.Q(responded_at__isnull=False),
                name="network_nomination_consent_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name} → {self.target_occupation}"

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.status == NominationStatus.INVITED and not self.is_expired
