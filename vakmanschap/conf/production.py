"""Production: fails closed. Refuses to start without its secrets and the fund's bank account,
and switches HTTPS hardening (SSL redirect, HSTS, secure cookies) on by default."""

from django.core.exceptions import ImproperlyConfigured
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from .base import *  # noqa: F403
from .base import env

_REQUIRED = {
    "SECRET_KEY": SECRET_KEY,  # noqa: F405
    "VAKMANSCHAP_IDENTITY_HASH_KEY": IDENTITY_HASH_KEY,  # noqa: F405
    "VAKMANSCHAP_CHEQUE_CODE_KEY": CHEQUE_CODE_KEY,  # noqa: F405
    "FUND_IBAN": FUND_IBAN,  # noqa: F405
}
_missing = [name for name, value in _REQUIRED.items() if not value.strip()]
if _missing:
    raise ImproperlyConfigured(
        f"Missing setting(s): {', '.join(_missing)}. Production needs them in the environment "
        "(see README, Deployment); for a demo set VAKMANSCHAP_DEMO=1."
    )
# Django's own rule for a strong key (check --deploy, security.W009).
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY is too weak: use at least 50 random characters.")
try:
    FUND_IBAN = str(IBAN(FUND_IBAN))  # noqa: F405
except SchwiftyException as exc:
    raise ImproperlyConfigured(f"FUND_IBAN is not a valid IBAN: {exc}") from None

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
