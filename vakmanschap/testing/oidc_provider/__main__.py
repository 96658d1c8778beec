"""Run the test provider: `python -m vakmanschap.testing.oidc_provider --port 8900`.

Each start makes a new signing key and a new SQLite file, so no state outlives the process.
`--rp-origin` adds a relying-party origin besides the loopback address (whose port the provider
does not check, RFC 8252), e.g. `http://localhost:8000` for the demo.
"""

import argparse
import os
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .identities import (
    CLIENT_SECRET,
    DIGID_CLIENT_ID,
    EHERKENNING_CLIENT_ID,
    IDENTITIES,
    PASSWORD,
)

CALLBACK_PATHS = {
    DIGID_CLIENT_ID: "/account/login/digid/callback/",
    EHERKENNING_CLIENT_ID: "/account/login/eherkenning/callback/",
}
LOGGED_OUT_PATH = "/account/logged-out/"


def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _seed(origins: list[str]) -> None:
    # The provider's models load only after main() has set this process's own settings.
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    for username, identity in IDENTITIES.items():
        User.objects.create_user(username, password=PASSWORD, first_name=identity["name"])
    for client_id, path in CALLBACK_PATHS.items():
        Application.objects.create(
            name=client_id,
            client_id=client_id,
            client_secret=CLIENT_SECRET,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(origin + path for origin in origins),
            post_logout_redirect_uris=" ".join(origin + LOGGED_OUT_PATH for origin in origins),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--rp-origin", action="append", default=[])
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp(prefix="vakmanschap-oidc-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "vakmanschap.testing.oidc_provider.settings"
    os.environ["OIDC_PROVIDER_DB"] = os.path.join(folder, "provider.sqlite3")
    os.environ["OIDC_PROVIDER_KEY"] = _private_key_pem()
    os.environ["OIDC_PROVIDER_ISSUER"] = f"http://127.0.0.1:{args.port}/o"

    # Django is imported only now that this process's own settings are set above.
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    _seed(["http://127.0.0.1", *args.rp_origin])
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, verbosity=0)


if __name__ == "__main__":
    main()
