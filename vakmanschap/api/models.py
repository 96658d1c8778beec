import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.presentation import format_day

TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 hash is stored; the token itself is shown once.

    Issued by `vakmanschap.api.tokens.issue_token` (second factor for staff roles); deleted
    when the user's password changes or the user is deactivated (`vakmanschap.api.signals`).
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.WRITE)
    # Whether the second factor (TOTP) was checked when the token was issued.
    second_factor = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.user} ({format_day(self.created_at)})"

    @classmethod
    def issue(cls, user, scope=Scope.WRITE, second_factor=False) -> tuple["ApiToken", str]:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        record = cls.objects.create(
            user=user,
            key_hash=hash_token(token),
            scope=scope,
            second_factor=second_factor,
            expires_at=timezone.now() + settings.API_TOKEN_LIFETIME,
        )
        return record, token

    @property
    def allows_writes(self) -> bool:
        return self.scope == self.Scope.WRITE


class IdempotencyRecord(models.Model):
    """The answer to a write sent with an Idempotency-Key, so a repeat is not done twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    path = models.CharField(max_length=300)
    body_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_key"),
        ]

    def __str__(self):
        return f"{self.user} {self.key}"
