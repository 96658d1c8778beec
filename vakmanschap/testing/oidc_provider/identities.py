"""The provider's test identities. None of them is a real person; the BSNs pass the eleven
test but are from the range the government reserves for testing (999…)."""

PASSWORD = "test"

DIGID_CLIENT_ID = "vakmanschap-digid"
EHERKENNING_CLIENT_ID = "vakmanschap-eherkenning"
CLIENT_SECRET = "test-secret-not-for-production"

DIGID_SUBSTANTIAL = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"
DIGID_BASIC = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
EH_LOA3 = "urn:etoegang:core:assurance-class:loa3"
EH_LOA2 = "urn:etoegang:core:assurance-class:loa2"

# Sanne de Vries of the demo data; her participant record carries this BSN's keyed hash.
SANNE_BSN = "999993653"
# Machinefabriek Hof van Twente of the demo data (Joost Kamphuis works there).
DEMO_EMPLOYER_KVK = "91000014"

# username: claims. "fault" makes the provider issue a broken id_token on purpose.
IDENTITIES: dict[str, dict] = {
    "sanne": {"name": "Sanne de Vries", "bsn": SANNE_BSN, "acr": DIGID_SUBSTANTIAL},
    "nieuw": {"name": "Daan Nieuwenhuis", "bsn": "999990019", "acr": DIGID_SUBSTANTIAL},
    "joost": {
        "name": "Joost Kamphuis",
        "kvk": DEMO_EMPLOYER_KVK,
        "acting_subject": "joost-kamphuis-hof-van-twente",
        "acr": EH_LOA3,
    },
    "collega": {
        "name": "Mila Stegeman",
        "kvk": DEMO_EMPLOYER_KVK,
        "acting_subject": "mila-stegeman-hof-van-twente",
        "acr": EH_LOA3,
    },
    "nieuwbedrijf": {
        "name": "Ruben Lammertink",
        "kvk": "91000099",
        "branch": "000012345678",
        "company_name": "Houtbouw Twente B.V.",
        "acting_subject": "ruben-lammertink-houtbouw",
        "acr": EH_LOA3,
    },
    # For the client's refusals:
    "laag-niveau": {"name": "Lage Zekerheid", "bsn": "999990032", "acr": DIGID_BASIC},
    "laag-niveau-eh": {
        "name": "Lage Zekerheid",
        "kvk": DEMO_EMPLOYER_KVK,
        "acting_subject": "lage-zekerheid",
        "acr": EH_LOA2,
    },
    "zonder-nummer": {"name": "Zonder Nummer", "acr": DIGID_SUBSTANTIAL},
    "zonder-nummer-eh": {"name": "Zonder Nummer", "acting_subject": "zn", "acr": EH_LOA3},
    "fout-handtekening": {
        "name": "F",
        "bsn": SANNE_BSN,
        "acr": DIGID_SUBSTANTIAL,
        "fault": "signature",
    },
    "fout-uitgever": {"name": "F", "bsn": SANNE_BSN, "acr": DIGID_SUBSTANTIAL, "fault": "issuer"},
    "fout-publiek": {"name": "F", "bsn": SANNE_BSN, "acr": DIGID_SUBSTANTIAL, "fault": "audience"},
    "fout-nonce": {"name": "F", "bsn": SANNE_BSN, "acr": DIGID_SUBSTANTIAL, "fault": "nonce"},
    "verlopen": {"name": "F", "bsn": SANNE_BSN, "acr": DIGID_SUBSTANTIAL, "fault": "expired"},
}


def claims_for(username: str, client_id: str) -> dict:
    """What the broker releases: BSN to the DigiD client, company and person to eHerkenning."""
    identity = IDENTITIES.get(username, {})
    claims = {"name": identity.get("name", username)}
    if "acr" in identity:
        claims["acr"] = identity["acr"]
    if client_id == DIGID_CLIENT_ID:
        if "bsn" in identity:
            claims["bsn"] = identity["bsn"]
    else:
        for key in ("kvk", "branch", "company_name", "acting_subject"):
            if key in identity:
                claims[key] = identity[key]
    return claims
