"""Login plug-ins. Password login is built in; DigiD (residents) and eHerkenning
(employers) will come through OpenID Connect. A provider is listed on the login page when it
is named in VAKMANSCHAP_LOGIN_PROVIDERS and reports itself configured.

To add one: subclass LoginProvider, implement `start_url` (redirect to the identity provider)
and a callback view that calls `django.contrib.auth.login`, then `register()` it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LoginProvider:
    key: str
    label: str

    def is_configured(self) -> bool:
        return True

    def start_url(self) -> str:
        raise NotImplementedError


class PasswordLogin(LoginProvider):
    def start_url(self) -> str:
        return reverse("accounts:login")


class OpenIDConnectLogin(LoginProvider):
    """Placeholder for DigiD / eHerkenning via an OIDC broker; not active until configured."""

    def is_configured(self) -> bool:
        conf = settings.OIDC_PROVIDERS.get(self.key, {})
        return bool(conf.get("issuer") and conf.get("client_id"))

    def start_url(self) -> str:
        raise NotImplementedError("OpenID Connect login is a plug-in point; not implemented yet.")


_registry: dict[str, LoginProvider] = {}


def register(provider: LoginProvider) -> None:
    _registry[provider.key] = provider


def enabled_providers() -> list[LoginProvider]:
    return [
        _registry[key]
        for key in settings.LOGIN_PROVIDERS
        if key in _registry and _registry[key].is_configured()
    ]


register(PasswordLogin("password", _("E-mail and password")))
register(OpenIDConnectLogin("digid", _("DigiD")))
register(OpenIDConnectLogin("eherkenning", _("eHerkenning")))
