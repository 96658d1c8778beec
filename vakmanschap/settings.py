"""The settings entry point (DJANGO_SETTINGS_MODULE=vakmanschap.settings).

Picks one module of `vakmanschap/conf/` by VAKMANSCHAP_ENV: `production`, `development` or
`test`. Without it: development in demo or debug mode (VAKMANSCHAP_DEMO=1, DEBUG=1), otherwise
production, which refuses to start without its secrets. The modules can also be named directly
(pytest uses vakmanschap.conf.test).
"""

import os

from django.core.exceptions import ImproperlyConfigured


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


ENVIRONMENT = os.environ.get("VAKMANSCHAP_ENV", "").strip() or (
    "development" if _flag("VAKMANSCHAP_DEMO") or _flag("DEBUG") else "production"
)

if ENVIRONMENT == "production":
    from vakmanschap.conf.production import *  # noqa: F403
elif ENVIRONMENT == "development":
    from vakmanschap.conf.development import *  # noqa: F403
elif ENVIRONMENT == "test":
    from vakmanschap.conf.test import *  # noqa: F403
else:
    raise ImproperlyConfigured(
        f"VAKMANSCHAP_ENV must be production, development or test, not {ENVIRONMENT!r}."
    )
