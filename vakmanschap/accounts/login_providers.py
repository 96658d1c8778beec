"""Login plug-ins. Password login is built in; DigiD (residents) and eHerkenning
(employers) come through OpenID Connect (`oidc.py`). A provider is listed on the login page
when it is named in VAKMANSCHAP_LOGIN_PROVIDERS and reports itself configured.

Which account a verified identity logs in as is decided by the app that owns the identity:
`people` for the BSN (DigiD), `network` for the KvK number (eHerkenning). They register an
identity handler here in `ready()`; accounts imports neither.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LoginProvider:
    key: str
    label: str
    hint: str = ""

    def is_configured(self) -> bool:
        return True

    def start_url(self) -> str:
        raise NotImplementedError


class PasswordLogin(LoginProvider):
    def start_url(self) -> str:
        return reverse("accounts:login")


class OpenIDConnectLogin(LoginProvider):
    """DigiD / eHerkenning via an OpenID Connect broker; active once configured."""

    def is_configured(self) -> bool:
        conf = settings.OIDC_PROVIDERS.get(self.key, {})
        return bool(conf.get("discovery_url") and conf.get("client_id"))

    def start_url(self) -> str:
        return reverse(f"accounts:oidc_start_{self.key}")


_registry: dict[str, LoginProvider] = {}


def register(provider: LoginProvider) -> None:
    _registry[provider.key] = provider


# provider key -> handler(request, identity, intent) returning a User to log in or an
# HttpResponse (e.g. a sign-up with the identity bound), or raising oidc.LoginRefused.
_identity_handlers: dict[str, Callable] = {}


def register_identity_handler(key: str, handler: Callable) -> None:
    _identity_handlers[key] = handler


def identity_handler(key: str) -> Callable | None:
    return _identity_handlers.get(key)


def get_provider(key: str) -> LoginProvider | None:
    return next((p for p in enabled_providers() if p.key == key), None)


def enabled_providers() -> list[LoginProvider]:
    return [
        _registry[key]
        for key in settings.LOGIN_PROVIDERS
        if key in _registry and _registry[key].is_configured()
    ]


register(PasswordLogin("password", _("E-mail and password")))
register(OpenIDConnectLogin("digid", _("Log in with DigiD"), _("For residents")))
register(OpenIDConnectLogin("eherkenning", _("Log in with eHerkenning"), _("For companies")))
