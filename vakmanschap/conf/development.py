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
