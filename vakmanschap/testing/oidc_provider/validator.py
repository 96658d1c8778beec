import base64
import json
import time

from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

from .identities import IDENTITIES, claims_for


def _b64json(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class IdentityValidator(OAuth2Validator):
    oidc_claim_scope = None  # release every claim of the identity (as a broker does)

    def get_additional_claims(self, request):
        return claims_for(request.user.username, request.client.client_id)

    def finalize_id_token(self, id_token, token, token_handler, request):
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        fault = IDENTITIES.get(request.user.username, {}).get("fault")
        if not fault:
            return signed
        header_part, claims_part, _signature = signed.split(".")
        header, claims = _b64json(header_part), _b64json(claims_part)
        key = request.client.jwk_key
        if fault == "signature":
            key = jwk.JWK.generate(kty="RSA", size=2048)
        elif fault == "issuer":
            claims["iss"] = "http://127.0.0.1:1/someone-else"
        elif fault == "audience":
            claims["aud"] = "another-client"
        elif fault == "nonce":
            claims["nonce"] = "not-the-nonce-that-was-sent"
        elif fault == "expired":
            claims["iat"] = int(time.time()) - 3600
            claims["exp"] = int(time.time()) - 1800
        token = jwt.JWT(header=json.dumps(header), claims=json.dumps(claims))
        token.make_signed_token(key)
        return token.serialize()
