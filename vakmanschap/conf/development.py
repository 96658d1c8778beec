"""Development and the demo: public keys and a demo bank account, so `make demo` runs without
configuration. Never for real data: these keys are in the source code."""

from .base import *  # noqa: F403
from .base import env

INSECURE_KEY = "insecure-demo-and-test-key-never-use-in-production"

SECRET_KEY = SECRET_KEY or INSECURE_KEY  # noqa: F405
IDENTITY_HASH_KEY = IDENTITY_HASH_KEY or SECRET_KEY  # noqa: F405
CHEQUE_CODE_KEY = CHEQUE_CODE_KEY or SECRET_KEY  # noqa: F405
FUND_IBAN = FUND_IBAN or "NL91ABNA0417164300"  # noqa: F405

# WhiteNoise serves from the apps' static folders here; STATIC_ROOT only when asked for.
STATIC_ROOT = env.str("STATIC_ROOT", default="") or None

# The demo logs in with DigiD and eHerkenning at the test provider that `vakmanschap demo`
# starts (vakmanschap/testing/oidc_provider, test identities only), unless a broker is
# configured in the environment.
if DEMO_MODE and not env.str("OIDC_DIGID_DISCOVERY_URL", default=""):  # noqa: F405
    from vakmanschap.testing.oidc_provider import identities as _demo_identities

    DEMO_OIDC_PORT = env.int("VAKMANSCHAP_DEMO_OIDC_PORT", default=8900)
    _demo_origin = f"http://127.0.0.1:{DEMO_OIDC_PORT}"
    for _key, _client in (
        ("digid", _demo_identities.DIGID_CLIENT_ID),
        ("eherkenning", _demo_identities.EHERKENNING_CLIENT_ID),
    ):
        OIDC_PROVIDERS[_key].update(  # noqa: F405
            discovery_url=f"{_demo_origin}/o/.well-known/openid-configuration",
            client_id=_client,
            client_secret=_demo_identities.CLIENT_SECRET,
        )
    LOGIN_PROVIDERS = env.list(  # noqa: F405
        "VAKMANSCHAP_LOGIN_PROVIDERS", default=["password", "digid", "eherkenning"]
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(_demo_origin)  # noqa: F405
