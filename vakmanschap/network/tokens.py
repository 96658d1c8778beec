"""Secret link tokens: the link carries the token, the database keeps only its SHA-256 hash.

A stolen database dump therefore opens no invitation. Tokens are 32 random bytes
(URL-safe), so a plain hash (no salt, no stretching) is enough to make them unguessable.
"""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
