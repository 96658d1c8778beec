"""Who gets an API token: the same rules as the web login.

Staff roles (advisors, the fund, providers, employers, monitor, administrators) pass the second
factor on the web; so the token endpoint wants their current TOTP code as well, whenever
TWO_FACTOR_REQUIRED is on (outside demo mode). Participants log in with a password alone, on the
web and here.
"""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken


class SecondFactorError(Exception):
    """The password was right but the second factor is missing, wrong or not set up."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "required", "invalid" or "not_set_up"


def second_factor_required(user) -> bool:
    return settings.TWO_FACTOR_REQUIRED and user.is_staff_role


def _verify_totp(user, code: str) -> bool:
    # verify_token is throttled per device by django-otp: failures slow further tries down.
    return any(
        device.verify_token(code) for device in TOTPDevice.objects.filter(user=user, confirmed=True)
    )


def issue_token(user, *, otp: str = "", scope: str = ApiToken.Scope.WRITE):
    """Issue a token for an authenticated user, or raise SecondFactorError."""
    if not second_factor_required(user):
        return ApiToken.issue(user, scope=scope)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise SecondFactorError("not_set_up")
    if not otp:
        raise SecondFactorError("required")
    if not _verify_totp(user, otp):
        raise SecondFactorError("invalid")
    return ApiToken.issue(user, scope=scope, second_factor=True)


def token_still_valid(token: ApiToken) -> bool:
    """A staff token issued without the second factor (in demo mode, or before the user got a
    staff role) stops working as soon as the second factor is required."""
    return token.second_factor or not second_factor_required(token.user)
