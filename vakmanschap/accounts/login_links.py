"""Single-use login links: a resident signs up without a password and logs in from the e-mail.

Tokens are 32 random bytes (URL-safe); the database keeps only their SHA-256 hash (the same
scheme as `network.tokens`, which this layer cannot import). A link works once, until it
expires, and only for an active account without a staff role: staff log in with a password
and their second factor."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from .models import LoginLink, User

VALID_FOR = datetime.timedelta(days=3)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def may_use_login_links(user: User) -> bool:
    return user.is_active and not user.is_staff_role and not user.is_staff


def issue(user: User, *, now=None) -> str:
    """A fresh link token for the user; the caller puts it in the e-mail and forgets it."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    LoginLink.objects.create(
        user=user, token_hash=_hash(token), created_at=now, expires_at=now + VALID_FOR
    )
    return token


def find(token: str, *, now=None) -> LoginLink | None:
    """The unused, unexpired link for this token, or None."""
    if not token or len(token) > 100:
        return None
    now = now or timezone.now()
    return (
        LoginLink.objects.filter(token_hash=_hash(token), used_at=None, expires_at__gt=now)
        .select_related("user")
        .first()
    )


@transaction.atomic
def redeem(token: str, *, now=None) -> User | None:
    """Use the link: the account it opens, once. Two clicks at once give one login."""
    now = now or timezone.now()
    link = find(token, now=now)
    if link is None:
        return None
    claimed = LoginLink.objects.filter(pk=link.pk, used_at=None).update(used_at=now)
    if not claimed or not may_use_login_links(link.user):
        return None
    return link.user
