from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from vakmanschap.accounts.signals import external_login_refused
from vakmanschap.core.access import permission_denied

from .services import (
    LOGIN,
    LOGIN_FAILED,
    LOGIN_REFUSED,
    LOGOUT,
    record_event,
    record_permission_denied,
)


def _ip(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    # DigiD/eHerkenning logins carry their means and level of assurance; never the BSN.
    external = getattr(request, "external_login", None) or {}
    record_event(
        LOGIN,
        actor=user,
        ip=_ip(request),
        means=external.get("provider", "password"),
        level=external.get("level", ""),
    )


@receiver(external_login_refused)
def on_external_login_refused(sender, request, provider, reason, **kwargs):
    record_event(LOGIN_REFUSED, reason=reason, means=provider, ip=_ip(request))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(LOGOUT, actor=user, ip=_ip(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    email = (credentials.get("username") or credentials.get("email") or "").lower()
    user = get_user_model().objects.filter(email__iexact=email).first() if email else None
    record_event(LOGIN_FAILED, obj=user, object_repr=email, attempted_email=email, ip=_ip(request))


@receiver(permission_denied)
def on_permission_denied(sender, user, check_name, obj=None, path="", **kwargs):
    record_permission_denied(user, check_name, obj, path=path)
