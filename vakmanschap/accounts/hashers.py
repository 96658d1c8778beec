"""Password hashing: Argon2id with parameters chosen for this deployment (docs/decisions.md).

Django's own Argon2PasswordHasher (argon2-cffi) with OWASP's first recommended setting: 19 MiB,
two passes, one lane. Hashes made with other parameters (or by PBKDF2) are still accepted and
are rewritten with these at the next successful login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
