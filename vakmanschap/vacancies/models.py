"""Vacancies and learning-work places at employers, their matches with participants, and what
the network adds to a participant (NT2 level, opt-in for vacancies). Rules live in `services.py`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind


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
        db_table = "network_participantprofile"  # the table predates the split of `network`
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
        db_table = "network_vacancy"  # the table predates the split of `network`
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
        db_table = "network_vacancymatch"  # the table predates the split of `network`
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "participant"], name="network_vacancy_match_once"
            )
        ]

    def __str__(self):
        return f"{self.vacancy} ↔ {self.participant}"
