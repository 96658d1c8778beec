"""Identity numbers (BSN) are never stored: only a keyed hash (HMAC-SHA256) serves as key."""

import hashlib
import hmac

from django.conf import settings


def is_valid_bsn(bsn: str) -> bool:
    """The BSN eleven test (elfproef)."""
    digits = bsn.strip()
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def identity_key(bsn: str) -> str:
    digits = bsn.strip().zfill(9)
    return hmac.new(
        settings.IDENTITY_HASH_KEY.encode(), digits.encode(), hashlib.sha256
    ).hexdigest()
