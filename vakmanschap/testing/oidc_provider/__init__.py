"""A real OpenID provider for the tests and the demo: a small Django project running
django-oauth-toolkit's OpenID Connect, in its own process with its own SQLite file.

It plays the broker that a municipality uses for DigiD and eHerkenning: two clients (one per
means), discovery, a login page listing the test identities, PKCE, RS256 id_tokens signed with
a key made at start-up, JWKS and RP-initiated logout. Its identities carry the BSN, KvK number
and level of assurance claims (see `identities.py`). Some identities are deliberately faulty
(wrong signature, issuer, audience or nonce; expired), so the client's refusals can be tested
against the real provider. Start it with `python -m vakmanschap.testing.oidc_provider`
(see `harness.py` for the pytest fixture and `make demo`).
"""
