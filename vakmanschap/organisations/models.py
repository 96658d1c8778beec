from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind, Role

kvk_validator = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."))


class OrganisationQuerySet(models.QuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)

    def visible_to(self, user):
        """Organisations a user may see: their own; the fund and administrators see all."""

        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.ADMINISTRATOR, Role.FUND_OFFICER, Role.FINANCE_OFFICER):
            return self.all()
        return self.filter(memberships__user=user).distinct()


class Organisation(models.Model):
    """An organisation taking part: advice organisation, fund back office, provider or employer."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[kvk_validator]
    )
    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="organisation_unique_kvk",
            ),
            models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind"),
        ]

    def __str__(self):
        return self.name
