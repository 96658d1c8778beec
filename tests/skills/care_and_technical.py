"""The tiny test ESCO plus a few care and technical skills with Dutch labels, and Dutch
sentences about such work: for the work-description tests of the skills app and the browser."""

import copy
from pathlib import Path

from tests.esco import escodata

E = escodata.E
ELDERLY, MEDICINES, DRAWINGS, WIRING = (
    E + "skill/care-for-the-elderly",
    E + "skill/administer-medication",
    E + "skill/read-technical-drawings",
    E + "skill/install-electrical-wiring",
)
CARE_TEXT = "Ik werk 10 jaar in de thuiszorg, help bij wassen en aankleden, geef medicijnen"
TECH_TEXT = "Ik las stalen constructies en lees technische tekeningen"


def write_esco_with_care_and_technical_skills(root: Path) -> Path:
    """The tiny test ESCO plus two care and two technical skills with their Dutch labels, as the
    official Dutch skills file would give them."""
    tables = copy.deepcopy(escodata.DEFAULT)
    skill = escodata._skill
    extra = [
        (ELDERLY, "care for the elderly", "zorgen voor ouderen", "ouderen helpen wassen"),
        (MEDICINES, "administer medication", "medicatie toedienen", "medicijnen geven"),
        (DRAWINGS, "read technical drawings", "technische tekeningen lezen", "bouwtekeningen"),
        (WIRING, "install electrical wiring", "elektrische bedrading aanleggen", ""),
    ]
    for uri, en, nl, nl_alt in extra:
        tables["en"]["skills"].append(skill(uri, "skill/competence", "sector-specific", en))
        tables["nl"].setdefault("skills", []).append(
            skill(uri, "skill/competence", "sector-specific", nl, nl_alt)
        )
    return escodata.write_esco(root, tables)
