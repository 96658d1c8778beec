"""The employers' network: an employer's profile, its staff invitations and its iKBiNDR pledge.

An employer is an `organisations.Organisation` of kind "employer"; its name, KvK number and
municipality stay there (one place, one unique constraint). The profile adds what the network
needs: SBI sector and size class.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind

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
        from .permissions import is_fund_staff

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


# ---------------------------------------------------------------------------------------------
# Employer-backed training (nominations), untapped potential (NT2, more hours) and vacancies.
# Rules live in nominations.py and vacancies.py.

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


class Nt2Level(models.TextChoices):
    """Dutch as a second language (NT2), on the CEFR scale; ordered from low to high."""

    NONE = "none", _("No Dutch yet")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"


NT2_ORDER = list(Nt2Level.values)


class ParticipantProfile(models.Model):
    """What the network adds to a participant: their NT2 level (set by an advisor) and whether
    they want to be matched to vacancies (set by the participant)."""

    participant = models.OneToOneField(
        "people.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="network_profile",
    )
    nt2_level = models.CharField(
        _("Dutch language level (NT2)"), max_length=4, choices=Nt2Level.choices, blank=True
    )
    opt_in_vacancies = models.BooleanField(
        _("match me to vacancies and learning-work places"),
        default=False,
        help_text=_("Your advisor hears about vacancies that fit your routes."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant profile (network)")
        verbose_name_plural = _("participant profiles (network)")

    def __str__(self):
        return str(self.participant)


class OccupationSource(models.TextChoices):
    ENGINE = "engine", _("matched by the skills engine")
    STAFF = "staff", _("chosen by staff")


class VacancyQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


class Vacancy(models.Model):
    """A vacancy or learning-work place (leerwerkplek) at an employer."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="vacancies",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        "esco.Concept",
        verbose_name=_("ESCO occupation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
    )
    occupation_source = models.CharField(
        max_length=8, choices=OccupationSource.choices, blank=True, editable=False
    )
    occupation_score = models.FloatField(null=True, blank=True, editable=False)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("start date"))
    bbl = models.BooleanField(_("learning on the job (BBL) offered"), default=False)
    is_open = models.BooleanField(_("open"), default=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [models.Index(fields=["occupation", "is_open"], name="network_vacancy_occ")]

    def __str__(self):
        return f"{self.title} ({self.organisation})"


class VacancyMatch(models.Model):
    """An opted-in participant whose routes or occupations fit an open vacancy; their advisor
    sees it on the needs-action page until it is marked handled or the vacancy closes."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="matches")
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="vacancy_matches"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "participant"], name="network_vacancy_match_once"
            )
        ]

    def __str__(self):
        return f"{self.vacancy} ↔ {self.participant}"
