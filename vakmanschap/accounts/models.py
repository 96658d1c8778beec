from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.compiled import CompiledQuery
from vakmanschap.core.presentation import format_moment

from .roles import ROLE_ORGANISATION_KIND, STAFF_ROLES, Role

DEMO_EMAIL_DOMAIN = "@demo.local"


def is_demo_email(email: str) -> bool:
    return email.lower().endswith(DEMO_EMAIL_DOMAIN)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Identified by e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()
        if is_demo_email(self.email) and not settings.DEMO_MODE:
            raise ValidationError({"email": _("Demo accounts can only exist in demo mode.")})

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        if is_demo_email(self.email) and not settings.DEMO_MODE:
            raise ValidationError(_("Demo accounts can only exist in demo mode."))
        super().save(*args, **kwargs)

    @cached_property
    def membership_list(self) -> list:
        """This person's memberships, read once per user object (a request's user asks often)."""
        memberships = _memberships_of(self.pk)
        for membership in memberships:
            membership.user = self  # as `self.memberships` would: no query for the way back
        return memberships

    @cached_property
    def roles(self) -> frozenset[str]:
        roles = {m.role for m in self.membership_list}
        if self.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        return frozenset(roles)

    def has_role(self, *roles) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_staff_role(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    def organisation_ids_for(self, role) -> set[int]:
        """The organisations in which this person holds `role` (ids, no extra query)."""
        return {
            m.organisation_id for m in self.membership_list if m.role == role and m.organisation_id
        }

    def organisations_for(self, role):
        return [m.organisation for m in self.membership_list if m.role == role and m.organisation]

    @property
    def primary_role(self) -> str | None:
        for role in Role.values[::-1]:  # administrator first, participant last
            if role in self.roles:
                return role
        return None


class Membership(models.Model):
    """A user's role, held in an organisation (staff roles) or on its own."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="membership_unique_role_in_org"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(organisation__isnull=True),
                name="membership_unique_role_without_org",
            ),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False)
                | models.Q(role__in=[Role.MONITOR, Role.ADMINISTRATOR, Role.PARTICIPANT]),
                name="membership_staff_role_needs_org",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"

    def clean(self):
        expected_kind = ROLE_ORGANISATION_KIND.get(self.role)
        if expected_kind and (self.organisation is None or self.organisation.kind != expected_kind):
            raise ValidationError(
                {
                    "organisation": _("This role needs an organisation of kind “%(kind)s”.")
                    % {"kind": expected_kind.label}
                }
            )


class LoginLink(models.Model):
    """A single-use link that logs a resident in (the sign-up confirmation). The e-mail carries
    the token; only its SHA-256 hash is stored, so a database dump opens no account."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("login link")
        verbose_name_plural = _("login links")

    def __str__(self):
        return f"{self.user} – {format_moment(self.created_at)}"


# Every logged-in request reads these; compiled once per process (core/compiled.py).
_memberships_of = CompiledQuery(
    lambda user_id: Membership.objects.filter(user_id=user_id).select_related("organisation"), int
)
user_by_id = CompiledQuery(lambda user_id: User._default_manager.filter(pk=user_id), int)
_memberships_with_user = CompiledQuery(
    lambda user_id: Membership.objects.filter(user_id=user_id).select_related(
        "user", "organisation"
    ),
    int,
)


def user_with_memberships(user_id: int) -> User | None:
    """The account with its memberships read in the same query, as every logged-in request needs
    both. Only an account without any membership takes a second query."""
    memberships = _memberships_with_user(user_id)
    if not memberships:
        found = user_by_id(user_id)
        user = found[0] if found else None
    else:
        user = memberships[0].user
        for membership in memberships:
            membership.user = user  # one account object, as `user.memberships` would give
    if user is not None:
        user.__dict__["membership_list"] = memberships  # fills the cached property
    return user
