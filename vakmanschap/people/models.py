import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import TARGET_GROUPS, DuplicateStatus, EducationLevel, Triage, WorkSituation

postcode_validator = RegexValidator(
    r"^[1-9]\d{3} ?[A-Za-z]{2}$", _("Enter a Dutch postcode such as 7511 AB.")
)


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else (value or "").strip()


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True, anonymised_at__isnull=True)

    def caseload_of(self, advisor):
        return self.active().filter(advisor=advisor)

    def visible_to(self, user):
        from vakmanschap.accounts.roles import Role

        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.ADVISOR, Role.FUND_OFFICER, Role.ADMINISTRATOR):
            return self.all()
        return self.filter(user=user)


class Participant(models.Model):
    """A resident who signed up (aanmelding) for the fund's help."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=150)
    birth_date = models.DateField(_("date of birth"))
    postcode = models.CharField(_("postcode"), max_length=7, validators=[postcode_validator])
    municipality = models.ForeignKey(
        "region.Municipality", on_delete=models.PROTECT, verbose_name=_("municipality")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    education_level = models.CharField(
        _("highest completed education"), max_length=12, choices=EducationLevel.choices
    )
    work_situation = models.CharField(
        _("work situation"), max_length=24, choices=WorkSituation.choices
    )
    current_job = models.CharField(_("current or last job"), max_length=200, blank=True)
    training_wish = models.TextField(_("training wish"), blank=True)
    consent_purpose = models.CharField(_("purpose of consent"), max_length=300)
    consent_given_at = models.DateTimeField(_("consent given at"))
    privacy_version = models.CharField(_("privacy statement version"), max_length=20)
    identity_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    triage = models.CharField(
        _("triage"), max_length=24, choices=Triage.choices, default=Triage.PENDING
    )
    triage_reason = models.TextField(_("triage reason"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("career advisor"),
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        indexes = [
            models.Index(fields=["family_name", "birth_date", "postcode"], name="participant_dupe"),
            models.Index(fields=["advisor", "triage"], name="participant_caseload"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(triage=Triage.NOT_ELIGIBLE) | ~models.Q(triage_reason=""),
                name="participant_not_eligible_needs_reason",
            )
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    def clean(self):
        super().clean()
        self.postcode = normalise_postcode(self.postcode)
        if self.triage == Triage.NOT_ELIGIBLE and not self.triage_reason.strip():
            raise ValidationError(
                {"triage_reason": _("Give the reason why this person is not eligible.")}
            )

    @property
    def in_target_group(self) -> bool:
        return self.work_situation in TARGET_GROUPS


class DuplicateCandidate(models.Model):
    """Two sign-ups that look like the same person. An advisor decides; never silently."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=100)
    status = models.CharField(
        max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["participant", "other"], name="duplicate_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(participant=models.F("other")), name="duplicate_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.participant} ~ {self.other}"
