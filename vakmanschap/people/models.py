import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind, Role

from .choices import TARGET_GROUPS, DuplicateStatus, EducationLevel, Triage, WorkSituation

postcode_validator = RegexValidator(
    r"^[1-9]\d{3} ?[A-Za-z]{2}$", _("Enter a Dutch postcode such as 7511 AB.")
)

# A few sentences about one's work: enough for the skills engine, short enough to read aloud.
WORK_DESCRIPTION_MAX_CHARS = 1000


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else (value or "").strip()


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True, anonymised_at__isnull=True)

    def caseload_of(self, advisor):
        return self.active().filter(advisor=advisor)

    def in_care_of(self, user):
        """The participants an advisor works for: those of their own advice organisation(s),
        and sign-ups that no organisation has taken up yet (the intake queue)."""
        if not (user.is_authenticated and user.has_role(Role.ADVISOR)):
            return self.none()
        return self.filter(advisor_scope(user))

    def visible_to(self, user):
        """Need to know: the fund and administrators see everyone (to decide on plans), an
        advisor their own organisation's participants, a participant only themselves."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.FUND_OFFICER, Role.ADMINISTRATOR):
            return self.all()
        own = Q(user=user)
        if user.has_role(Role.ADVISOR):
            own |= advisor_scope(user)
        return self.filter(own)


def advisor_scope(user, prefix: str = "") -> Q:
    """Q for the participants in an advisor's care; `prefix` reaches them from a related model
    (e.g. "participant__")."""
    organisations = user.organisation_ids_for(Role.ADVISOR)
    return Q(**{f"{prefix}advice_organisation_id__in": organisations}) | Q(
        **{f"{prefix}advice_organisation__isnull": True}
    )


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
    # What the resident wrote at sign-up (or later) about their work, in their own words; the
    # skills app suggests skills from it when the resident or their advisor opens the skills
    # checklist, so the sign-up itself runs no engine.
    work_description = models.CharField(
        _("work in own words"), max_length=WORK_DESCRIPTION_MAX_CHARS, blank=True
    )
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
    advice_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        limit_choices_to={"kind": OrganisationKind.ADVICE},
        verbose_name=_("advice organisation"),
        help_text=_("Only this organisation's advisors see and act on the file."),
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
            # Duplicate detection compares names case-insensitively (services.find_duplicates).
            models.Index(
                Lower("family_name"),
                Lower("given_name"),
                F("birth_date"),
                F("postcode"),
                name="participant_same_person",
            ),
            models.Index(fields=["advisor", "triage"], name="participant_caseload"),
            # The caseload's keyset pages, newest first (core.keyset).
            models.Index(fields=["created_at", "id"], name="participant_newest"),
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

    def in_care_of(self, user) -> bool:
        """The object-level twin of `Participant.objects.in_care_of(user)` (no query)."""
        if not (user.is_authenticated and user.has_role(Role.ADVISOR)):
            return False
        organisation = self.advice_organisation_id
        return organisation is None or organisation in user.organisation_ids_for(Role.ADVISOR)

    def is_visible_to(self, user) -> bool:
        """The object-level twin of `Participant.objects.visible_to(user)` (no query)."""
        if not user.is_authenticated:
            return False
        if user.has_role(Role.FUND_OFFICER, Role.ADMINISTRATOR):
            return True
        return (self.user_id is not None and self.user_id == user.pk) or self.in_care_of(user)

    @property
    def in_target_group(self) -> bool:
        return self.work_situation in TARGET_GROUPS


class DuplicateCandidate(models.Model):
    """Two sign-ups that look like the same person. An advisor decides; never silently.

    A pair is stored once, in order: `participant` is the record with the lower id (the
    earlier sign-up), `other` the higher one (`DuplicateCandidate.pair` builds it)."""

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
                condition=models.Q(participant__lt=models.F("other")),
                name="duplicate_pair_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.participant} ~ {self.other}"

    @staticmethod
    def pair(a, b) -> dict:
        """The two records in stored order, as lookup or create arguments."""
        first, second = sorted([a, b], key=lambda p: p.pk)
        return {"participant": first, "other": second}


class ParticipantTransfer(models.Model):
    """A participant moved from one advice organisation to another, with the reason. Both
    organisations see the record; the old one no longer sees the participant's file."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("participant"),
    )
    from_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to"),
    )
    reason = models.TextField(_("reason"))
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    transferred_at = models.DateTimeField(_("transferred at"), auto_now_add=True)

    class Meta:
        ordering = ["-transferred_at", "-pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="transfer_needs_reason"),
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="transfer_to_another_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.participant}: {self.from_organisation} → {self.to_organisation}"
