"""What happens after training: a questionnaire at 6 and 12 months after a plan ended
(completed or dropped out), answered through a single-use e-mailed link or recorded by an
advisor from a phone call. One row per plan and moment; the answer date is kept."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MOMENTS = (6, 12)  # months after the end of the training


class Ending(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class Channel(models.TextChoices):
    LINK = "link", _("Questionnaire by e-mail")
    PHONE = "phone", _("Phone call with an advisor")


class WorkSituation(models.TextChoices):
    EMPLOYED = "employed", _("In paid work (employed)")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    SEEKING = "seeking", _("Not working, looking for work")
    EDUCATION = "education", _("In education")
    OTHER = "other", _("Other, not working")


IN_WORK = (WorkSituation.EMPLOYED, WorkSituation.SELF_EMPLOYED)


class OccupationRelation(models.TextChoices):
    TRAINED_FOR = "trained_for", _("The occupation I trained for")
    RELATED = "related", _("A related occupation")
    OTHER = "other", _("Another occupation")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent contract")
    FIXED_TERM = "fixed_term", _("Fixed-term contract")
    FLEXIBLE = "flexible", _("On call, temporary agency or zero hours")
    SELF_EMPLOYED = "self_employed", _("Self-employed (own business)")
    NONE = "none", _("No contract")


class FollowUp(models.Model):
    plan = models.ForeignKey(
        "funding.TrainingPlan",
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("training plan"),
    )
    months = models.PositiveSmallIntegerField(
        _("months after the training"), choices=[(m, m) for m in MOMENTS]
    )
    ending = models.CharField(_("the training was"), max_length=12, choices=Ending.choices)
    ended_on = models.DateField(_("training ended on"))
    due_on = models.DateField(_("due on"))
    # Only the SHA-256 of the link's token; emptied once answered (single use).
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    link_expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    channel = models.CharField(
        _("answered through"), max_length=5, choices=Channel.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    work_situation = models.CharField(
        _("work situation"), max_length=16, choices=WorkSituation.choices, blank=True
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    # True: more hours a week than before the training; False: not more; None: not applicable
    # (not in work, or not asked).
    more_hours = models.BooleanField(
        _("more hours per week than before the training"), null=True, blank=True
    )
    occupation_title = models.CharField(_("occupation (job title)"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        "esco.Concept",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation in ESCO"),
    )
    occupation_relation = models.CharField(
        _("is this the occupation trained for?"),
        max_length=12,
        choices=OccupationRelation.choices,
        blank=True,
    )
    contract_type = models.CharField(
        _("contract type"), max_length=16, choices=ContractType.choices, blank=True
    )
    helpfulness = models.PositiveSmallIntegerField(
        _("how much the training helped (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["plan", "months"], name="followup_once_per_moment"),
            models.UniqueConstraint(
                fields=["token_hash"], condition=~Q(token_hash=""), name="followup_token_unique"
            ),
            models.CheckConstraint(
                condition=Q(helpfulness__isnull=True) | Q(helpfulness__gte=1, helpfulness__lte=5),
                name="followup_helpfulness_1_to_5",
            ),
        ]
        indexes = [models.Index(fields=["answered_at", "sent_at"], name="followup_open")]

    def __str__(self):
        return f"{self.plan} +{self.months}m"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def link_is_usable(self) -> bool:
        return (
            not self.is_answered
            and bool(self.token_hash)
            and self.link_expires_at is not None
            and self.link_expires_at > timezone.now()
        )

    @property
    def in_work(self) -> bool:
        return self.work_situation in IN_WORK
