from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.presentation import format_euros

MAX_PRICE_CENTS = 10_000_000  # € 100.000 for one course


class CourseLevel(models.IntegerChoices):
    MBO1 = 1, _("MBO level 1")
    MBO2 = 2, _("MBO level 2")
    MBO3 = 3, _("MBO level 3")
    MBO4 = 4, _("MBO level 4")
    HBO = 5, _("HBO (level 5+)")


class CourseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_provider_staff(self, user):
        return self.filter(provider__memberships__user=user).distinct()


class Course(models.Model):
    """A course a training provider offers. Prices are integer euro cents."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("training provider"),
        on_delete=models.PROTECT,
        related_name="courses",
        limit_choices_to={"kind": "provider"},
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=CourseLevel.choices)
    price_cents = models.PositiveIntegerField(
        _("price (cents)"), validators=[MaxValueValidator(MAX_PRICE_CENTS)]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.UniqueConstraint(fields=["provider", "title"], name="course_unique_title"),
            models.CheckConstraint(
                condition=models.Q(price_cents__gte=0), name="course_price_not_negative"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def price_euros(self) -> str:
        return format_euros(self.price_cents)
