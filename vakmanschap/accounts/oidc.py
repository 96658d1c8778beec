"""OpenID Connect client for DigiD and eHerkenning through a broker (Authlib).

Authorization code flow with PKCE (S256), state and nonce kept in the session; the id_token's
signature is checked against the provider's JWKS (RS256 only), and `iss`, `aud`, `exp`, `iat`
and `nonce` with a bounded clock skew. The level of assurance (`acr` by default) must reach the
provider's required level. Nothing here logs a token or an identity number.
"""

import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, JsonWebToken
from authlib.jose.errors import JoseError
from authlib.oauth2 import OAuth2Error
from authlib.oidc.core import CodeIDToken
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "oidc_pending"
HTTP_TIMEOUT = 10
_DISCOVERY_TTL = 3600
_discovery_cache: dict[str, tuple[float, dict]] = {}
_jwt = JsonWebToken(["RS256", "PS256", "ES256"])


class LoginRefused(Exception):
    """A login that must not go through. `reason` goes to the audit log (never a token or an
    identity number); `message` is shown to the person."""

    def __init__(self, reason: str, message):
        super().__init__(reason)
        self.reason = reason
        self.message = message


@dataclass
class VerifiedIdentity:
    provider: str
    claims: dict = field(repr=False)
    level: str
    id_token: str = field(repr=False)

    def claim(self, name_setting: str) -> str:
        name = provider_settings(self.provider).get(name_setting, "")
        value = self.claims.get(name, "") if name else ""
        return str(value).strip() if value is not None else ""


def provider_settings(key: str) -> dict:
    return settings.OIDC_PROVIDERS.get(key, {})


def discovery(key: str) -> dict:
    url = provider_settings(key)["discovery_url"]
    cached = _discovery_cache.get(url)
    if cached and time.monotonic() - cached[0] < _DISCOVERY_TTL:
        return cached[1]
    answer = requests.get(url, timeout=HTTP_TIMEOUT)
    answer.raise_for_status()
    document = answer.json()
    _discovery_cache[url] = (time.monotonic(), document)
    return document


def _session(key: str, redirect_uri: str) -> OAuth2Session:
    conf = provider_settings(key)
    return OAuth2Session(
        conf["client_id"],
        conf.get("client_secret") or None,
        scope=" ".join(conf.get("scopes") or ["openid"]),
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_post",
    )


def callback_uri(request, key: str) -> str:
    return request.build_absolute_uri(reverse(f"accounts:oidc_callback_{key}"))


def start(request, key: str, next_url: str = "", intent: str = "login") -> str:
    """The provider's authorization URL; state, nonce and the PKCE verifier stay in the session."""
    state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
    client = _session(key, callback_uri(request, key))
    url, _state = client.create_authorization_url(
        discovery(key)["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier
    )
    request.session[SESSION_KEY] = {
        "provider": key,
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
        "intent": intent,
        "started": time.time(),
    }
    return url


def pending(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


def _level_rank(key: str, level: str) -> int:
    levels = provider_settings(key).get("levels", [])
    return levels.index(level) if level in levels else -1


def complete(request, key: str) -> VerifiedIdentity:
    """Check the provider's answer and return the verified identity, or raise LoginRefused."""
    flow = request.session.pop(SESSION_KEY, None) or {}
    if request.GET.get("error"):
        raise LoginRefused("provider_error", _("The login was cancelled or failed."))
    state = request.GET.get("state", "")
    if (
        flow.get("provider") != key
        or not state
        or not secrets.compare_digest(state, flow.get("state", ""))
    ):
        raise LoginRefused("wrong_state", _("This login answer does not belong to your login."))
    code = request.GET.get("code", "")
    if not code:
        raise LoginRefused("no_code", _("The login service gave no answer."))
    conf = provider_settings(key)
    meta = discovery(key)
    client = _session(key, callback_uri(request, key))
    try:
        token = client.fetch_token(
            meta["token_endpoint"],
            grant_type="authorization_code",
            code=code,
            code_verifier=flow["verifier"],
            timeout=HTTP_TIMEOUT,
        )
    except (OAuth2Error, OAuthError, requests.RequestException):
        raise LoginRefused("token_refused", _("The login service refused the login.")) from None
    id_token = token.get("id_token", "")
    claims = _verified_claims(key, meta, id_token, flow["nonce"], token.get("access_token"))
    level = str(claims.get(conf.get("loa_claim") or "acr", ""))
    if _level_rank(key, level) < _level_rank(key, conf.get("required_level", "")) or (
        _level_rank(key, level) < 0
    ):
        raise LoginRefused(
            "level_too_low",
            _(
                "You logged in with too low a level of assurance for this service. Log in again "
                "with a higher level (for DigiD: the DigiD app with an ID check)."
            ),
        )
    return VerifiedIdentity(key, dict(claims), level, id_token)


def _verified_claims(key, meta, id_token, nonce, access_token):
    conf = provider_settings(key)
    try:
        keys = requests.get(meta["jwks_uri"], timeout=HTTP_TIMEOUT)
        keys.raise_for_status()
        claims = _jwt.decode(
            id_token,
            JsonWebKey.import_key_set(keys.json()),
            claims_cls=CodeIDToken,
            claims_options={
                "iss": {"essential": True, "value": meta["issuer"]},
                "aud": {"essential": True, "value": conf["client_id"]},
                "exp": {"essential": True},
                "iat": {"essential": True},
                "nonce": {"essential": True},
            },
            claims_params={
                "nonce": nonce,
                "client_id": conf["client_id"],
                "access_token": access_token,
            },
        )
        claims.validate(leeway=settings.OIDC_CLOCK_SKEW_SECONDS)
    except (JoseError, ValueError, requests.RequestException) as error:
        reason = getattr(error, "error", "") or type(error).__name__
        raise LoginRefused(
            f"id_token_invalid:{reason}", _("The login service's answer could not be trusted.")
        ) from None
    return claims


def end_session_url(key: str, id_token: str, post_logout_uri: str) -> str | None:
    """The provider's RP-initiated logout URL, when it offers one."""
    try:
        endpoint = discovery(key).get("end_session_endpoint")
    except requests.RequestException:
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": post_logout_uri,
            "client_id": provider_settings(key)["client_id"],
        }
    )
    return f"{endpoint}?{query}"
