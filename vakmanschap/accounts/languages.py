"""The language an e-mail is written in: the recipient's, never the sender's.

A user's stored preference counts; an address that belongs to no user (yet) gets the fund's
default language, Dutch.
"""

from django.conf import settings

from .models import User


def language_of(user) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def language_for_address(email: str) -> str:
    user = User.objects.filter(email__iexact=(email or "").strip()).only("preferred_language")
    return language_of(user.first())
