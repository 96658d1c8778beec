"""CPU per password hash: the project's Argon2id against Django's PBKDF2 default (median of 15).

Run: VAKMANSCHAP_DEMO=1 DJANGO_SETTINGS_MODULE=vakmanschap.settings .venv/bin/python scripts/password_hash_cpu.py
"""

import statistics
import time

import django

django.setup()

from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402

from vakmanschap.accounts.hashers import Argon2idHasher  # noqa: E402

for hasher in (Argon2idHasher(), PBKDF2PasswordHasher()):
    seconds = []
    for _ in range(15):
        start = time.process_time()
        hasher.encode("correct horse battery staple", hasher.salt())
        seconds.append(time.process_time() - start)
    print(f"{type(hasher).__name__}: median {statistics.median(seconds) * 1000:.1f} ms CPU")
