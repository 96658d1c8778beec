"""DigiD / eHerkenning login pages: start (redirect to the broker), callback, refusal."""

import requests
from django.contrib.auth import login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.access import guarded

from . import oidc
from .login_providers import get_provider, identity_handler
from .permissions import is_anyone
from .signals import external_login_refused

SESSION_LOGIN = "external_login"  # {"provider", "level", "id_token"} of the current login
LOGIN_BACKEND = "vakmanschap.accounts.backends.EmailBackend"


def _enabled_or_404(key: str):
    if get_provider(key) is None:
        raise Http404


def _next(request) -> str:
    target = request.GET.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else ""


UNREACHABLE = _("The login service cannot be reached right now. Try again in a few minutes.")


def start_login(request, key: str, intent: str = "login"):
    _enabled_or_404(key)
    try:
        return redirect(oidc.start(request, key, next_url=_next(request), intent=intent))
    except requests.RequestException:
        return refuse(request, key, oidc.LoginRefused("provider_unreachable", UNREACHABLE), 503)


@guarded(is_anyone)
def oidc_start(request, key: str):
    return start_login(request, key)


def refuse(request, key: str, refusal: oidc.LoginRefused, status: int = 403):
    external_login_refused.send(
        sender=oidc.LoginRefused, request=request, provider=key, reason=refusal.reason
    )
    return render(
        request,
        "accounts/login_refused.html",
        {"message": refusal.message, "provider": get_provider(key)},
        status=status,
    )


@guarded(is_anyone)
def oidc_callback(request, key: str):
    _enabled_or_404(key)
    handler = identity_handler(key)
    if handler is None:
        raise Http404
    intent = oidc.pending(request).get("intent", "login")
    next_url = oidc.pending(request).get("next", "")
    try:
        identity = oidc.complete(request, key)
        outcome = handler(request, identity, intent)
    except oidc.LoginRefused as refusal:
        return refuse(request, key, refusal)
    except requests.RequestException:
        return refuse(request, key, oidc.LoginRefused("provider_unreachable", UNREACHABLE), 503)
    if isinstance(outcome, HttpResponse):
        return outcome
    # The audit trail reads the means and level from the request when user_logged_in fires.
    request.external_login = {"provider": key, "level": identity.level}
    login(request, outcome, backend=LOGIN_BACKEND)
    request.session[SESSION_LOGIN] = {
        "provider": key,
        "level": identity.level,
        "id_token": identity.id_token,
    }
    return redirect(next_url or "ui:start")


@guarded(is_anyone)
def logged_out(request):
    return render(request, "accounts/logged_out.html")
