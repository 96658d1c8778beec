from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty

from .two_factor import has_confirmed_device

# Pages a staff user may reach before passing the second factor.
_OPEN_PATH_NAMES = ("accounts:two_factor_setup", "accounts:two_factor_verify", "accounts:logout")


class RequireTwoFactorMiddleware:
    """Staff roles must pass TOTP before anything else (unless demo mode switches it off, or
    they logged in with eHerkenning or DigiD at the required level of assurance)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The account is read here anyway; from now on the request holds it itself rather than
        # two lazy wrappers (auth's and django-otp's) that each attribute access passes through.
        request.user = user = _unwrapped(request.user)
        if (
            settings.TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and user.is_staff_role
            and not user.is_verified()
            # eHerkenning (and DigiD) at the required level is itself a two-factor login.
            and not request.session.get("external_login")
        ):
            open_paths = {reverse(name) for name in _OPEN_PATH_NAMES}
            if request.path not in open_paths and not request.path.startswith(
                (
                    settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/",
                    "/healthz",
                    "/i18n/",
                )
            ):
                target = (
                    "accounts:two_factor_verify"
                    if has_confirmed_device(user)
                    else "accounts:two_factor_setup"
                )
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def _unwrapped(user):
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user
