"""The employers' network: an employer's profile, its staff invitations and its iKBiNDR pledge.

An employer is an `organisations.Organisation` of kind "employer"; its name, KvK number and
municipality stay there (one place, one unique constraint). The profile adds what the network
needs: SBI sector and size class.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind

from .permissions import is_fund_staff
from .tokens import hash_token, new_token

INVITATION_VALID_DAYS = 14


class SbiSection(models.TextChoices):
    """The main sections (A–U) of the Standaard Bedrijfsindeling (SBI 2008, CBS)."""

    A = "A", _("A – Agriculture, forestry and fishing")
    B = "B", _("B – Mining and quarrying")
    C = "C", _("C – Manufacturing")
    D = "D", _("D – Electricity, gas, steam and air conditioning supply")
    E = "E", _("E – Water supply; sewerage, waste management and remediation")
    F = "F", _("F – Construction")
    G = "G", _("G – Wholesale and retail trade; repair of motor vehicles")
    H = "H", _("H – Transportation and storage")
    I = "I", _("I – Accommodation and food service activities")  # noqa: E741
    J = "J", _("J – Information and communication")
    K = "K", _("K – Financial institutions")
    L = "L", _("L – Real estate activities")
    M = "M", _("M – Professional, scientific and technical activities")
    N = "N", _("N – Administrative and support service activities")
    O = "O", _("O – Public administration and defence; compulsory social security")  # noqa: E741
    P = "P", _("P – Education")
    Q = "Q", _("Q – Human health and social work activities")
    R = "R", _("R – Arts, entertainment and recreation")
    S = "S", _("S – Other service activities")
    T = "T", _("T – Activities of households as employers")
    U = "U", _("U – Extraterritorial organisations and bodies")


class SizeClass(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class EmployerProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_fund_staff(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            organisation__memberships__user=user,
            organisation__memberships__role="employer_staff",
        ).distinct()


class EmployerProfile(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="employer_profile",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    sector = models.CharField(_("SBI sector"), max_length=1, choices=SbiSection.choices)
    size_class = models.CharField(_("size class"), max_length=8, choices=SizeClass.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerProfileQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("employer profile")
        verbose_name_plural = _("employer profiles")

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        super().clean()
        organisation = getattr(self, "organisation", None)
        if organisation is not None and organisation.kind != OrganisationKind.EMPLOYER:
            raise ValidationError(
                {"organisation": _("Only an employer can have an employer profile.")}
            )


class StaffInvitationQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(accepted_at__isnull=True, expires_at__gt=now)


class StaffInvitation(models.Model):
    """An e-mail invitation to join an employer as staff. Single use, expiring; token hashed."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="staff_invitations",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    objects = StaffInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @classmethod
    def issue(cls, organisation, email, invited_by=None, days=INVITATION_VALID_DAYS):
        """Create an invitation; returns (invitation, token). The token is shown only once."""
        token = new_token()
        invitation = cls.objects.create(
            organisation=organisation,
            email=email.lower(),
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        return invitation, token

    @classmethod
    def for_token(cls, token: str):
        return (
            cls.objects.select_related("organisation").filter(token_hash=hash_token(token)).first()
        )

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and not self.is_expired


class Commitment(models.TextChoices):
    """What an iKBiNDR pledges. Field names on NetworkMembership match these values."""

    DEVELOPMENT_CONVERSATION = (
        "development_conversation",
        _("A yearly development conversation with every employee"),
    )
    LEARNING_BUDGET = "learning_budget", _("A learning budget for every employee")
    LEARNING_WORK_PLACES = "learning_work_places", _("Offering learning-work places")
    YEARLY_SCAN = "yearly_scan", _("Taking the social-innovation scan every year")
    NETWORK_MEETINGS = "network_meetings", _("Joining the network meetings")


class NetworkMembershipQuerySet(models.QuerySet):
    def current(self, today=None):
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today, renewal_date__gte=today)

    def publicly_listed(self, today=None):
        return self.current(today).filter(public_listing=True)

    def reminder_due(self, days: int, today=None):
        """Memberships whose renewal is within `days` and that got no reminder for it yet."""
        today = today or timezone.localdate()
        return self.filter(
            renewal_date__gte=today,
            renewal_date__lte=today + datetime.timedelta(days=days),
        ).exclude(reminder_sent_for=models.F("renewal_date"))


class NetworkMembership(models.Model):
    """The iKBiNDR pledge: explicit commitments, a start date and a yearly renewal."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="network_membership",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    development_conversation = models.BooleanField(
        Commitment.DEVELOPMENT_CONVERSATION.label, default=False
    )
    learning_budget = models.BooleanField(Commitment.LEARNING_BUDGET.label, default=False)
    learning_work_places = models.BooleanField(Commitment.LEARNING_WORK_PLACES.label, default=False)
    yearly_scan = models.BooleanField(Commitment.YEARLY_SCAN.label, default=False)
    network_meetings = models.BooleanField(Commitment.NETWORK_MEETINGS.label, default=False)
    start_date = models.DateField(_("start date"))
    renewal_date = models.DateField(
        _("renewal date"), help_text=_("The pledge runs until this date and is renewed yearly.")
    )
    public_listing = models.BooleanField(
        _("list us on the public network page"),
        default=False,
        help_text=_("Shows your name, municipality, sector and commitments to everyone."),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    reminder_sent_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("iKBiNDR membership")
        verbose_name_plural = _("iKBiNDR memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(renewal_date__gt=models.F("start_date")),
                name="network_membership_renewal_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(development_conversation=True)
                | models.Q(learning_budget=True)
                | models.Q(learning_work_places=True)
                | models.Q(yearly_scan=True)
                | models.Q(network_meetings=True),
                name="network_membership_at_least_one_commitment",
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    @property
    def commitments(self) -> list[str]:
        """The labels of the commitments this member ticked, in the pledge's order."""
        return [c.label for c in Commitment if getattr(self, c.value)]

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.start_date <= today <= self.renewal_date

    def days_to_renewal(self, today=None) -> int:
        return (self.renewal_date - (today or timezone.localdate())).days

    @staticmethod
    def one_year_after(day: datetime.date) -> datetime.date:
        try:
            return day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year + 1, day=28)

    def renew(self, today=None):
        """Extend by a year: from the renewal date, or from today if the pledge had lapsed."""
        today = today or timezone.localdate()
        self.renewal_date = self.one_year_after(max(self.renewal_date, today))

    def clean(self):
        super().clean()
        if not any(getattr(self, c.value) for c in Commitment):
            raise ValidationError(_("Tick at least one commitment."))


class EHerkenningLinkQuerySet(models.QuerySet):
    def awaiting_confirmation(self):
        return self.filter(confirmed_at__isnull=True)


class EHerkenningLink(models.Model):
    """An eHerkenning identity (the company's KvK number and the acting person's pseudonym,
    stored only as a keyed hash) tied to an account. A person new to a known company waits
    until a colleague or the fund confirms them; the founder of a self-registered company is
    confirmed at once."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="eherkenning_links"
    )
    subject_key = models.CharField(max_length=64, unique=True)
    acting_name = models.CharField(_("name (from eHerkenning)"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="eherkenning_link"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EHerkenningLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("eHerkenning link")
        verbose_name_plural = _("eHerkenning links")

    def __str__(self):
        return f"{self.acting_name} ({self.organisation})"


class SelfRegistration(models.Model):
    """A company that registered itself with eHerkenning; the fund approves its membership."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="self_registration"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("self-registration")
        verbose_name_plural = _("self-registrations")

    def __str__(self):
        return str(self.organisation)
