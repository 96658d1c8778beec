"""The real ESCO v1.1.1 download from ../shared (skipped when it is not there)."""

from pathlib import Path

import pytest
from django.conf import settings

from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import Occupation, OccupationSkill, Skill

REAL = Path(settings.SHARED_DIR) / "esco" / "v1.1.1"


@pytest.mark.django_db
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/esco/v1.1.1 is not available")
def test_real_esco_import():
    result = import_esco([REAL])
    assert (Occupation.objects.count(), Skill.objects.count()) == (3007, 13896)
    relations = result.counts["occupation–skill relations"]
    # 67 of the 123,855 rows name an occupation missing from occupations_en.csv.
    assert (relations.created, relations.skipped) == (123_788, 67)
    assert OccupationSkill.objects.count() == 123_788
    assert result.languages == ["en", "nl"] and result.version == "1.1.1"
    welder = Occupation.objects.get(uri__endswith="/7aedaa07-3884-4c5b-88f9-80997b2aa54b")
    assert welder.label("nl") == ("lasser", False) and welder.label("en").text == "welder"
    assert result.seconds < 90
