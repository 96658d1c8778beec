"""Cheque codes: 80 random bits in Crockford base32 (16 symbols) plus a check symbol, typed
in groups of four: ABCD-EFGH-JKMN-PQRS-T. Stored only as a keyed hash and the last four."""

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"  # Crockford's 37 check symbols
SYMBOLS = 16  # 16 × 5 bits = 80 bits
_TYPO_MAP = str.maketrans({"I": "1", "L": "1", "O": "0"})


def check_symbol(symbols: str) -> str:
    value = 0
    for char in symbols:
        value = value * 32 + ALPHABET.index(char)
    return CHECK_ALPHABET[value % 37]


def generate() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS))
    full = body + check_symbol(body)
    return "-".join(full[i : i + 4] for i in range(0, SYMBOLS, 4)) + "-" + full[SYMBOLS:]


def normalise(typed: str) -> str | None:
    """The 16 code symbols, or None when the input cannot be a valid code (bad check symbol)."""
    compact = "".join(typed.upper().split()).replace("-", "").translate(_TYPO_MAP)
    if len(compact) != SYMBOLS + 1:
        return None
    body, check = compact[:SYMBOLS], compact[SYMBOLS]
    if any(c not in ALPHABET for c in body) or check_symbol(body) != check:
        return None
    return body


def new_seed() -> str:
    """128 random bits. The code is derived from the seed with the cheque-code key, so the
    letter can be printed again without issuing a new code; the seed alone (a database dump
    without the key) gives nothing away."""
    return secrets.token_hex(16)


def from_seed(seed: str) -> str:
    """The cheque code (with its check symbol, in groups of four) that `seed` stands for."""
    digest = hmac.new(
        settings.CHEQUE_CODE_KEY.encode(), f"cheque-code:{seed}".encode(), hashlib.sha256
    ).digest()
    value = int.from_bytes(digest[:10], "big")  # 80 bits
    body = "".join(ALPHABET[(value >> (5 * (SYMBOLS - 1 - i))) & 31] for i in range(SYMBOLS))
    full = body + check_symbol(body)
    return "-".join(full[i : i + 4] for i in range(0, SYMBOLS, 4)) + "-" + full[SYMBOLS:]


def code_hash(body: str) -> str:
    return hmac.new(settings.CHEQUE_CODE_KEY.encode(), body.encode(), hashlib.sha256).hexdigest()


def last4(code: str) -> str:
    return normalise(code)[-4:]
