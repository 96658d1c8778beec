"""The real ESCO v1.1.1 download from ../shared (skipped when it is not there, failed in CI)."""

import pytest

from tests.conftest import shared_data
from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import Occupation, OccupationSkill, Skill


@pytest.mark.django_db
def test_real_esco_import():
    result = import_esco([shared_data("esco", "v1.1.1")])
    assert (Occupation.objects.count(), Skill.objects.count()) == (3007, 13896)
    relations = result.counts["occupation–skill relations"]
    # 67 of the 123,855 rows name an occupation missing from occupations_en.csv.
    assert (relations.created, relations.skipped) == (123_788, 67)
    assert OccupationSkill.objects.count() == 123_788
    assert result.languages == ["en", "nl"] and result.version == "1.1.1"
    welder = Occupation.objects.get(uri__endswith="/7aedaa07-3884-4c5b-88f9-80997b2aa54b")
    assert welder.label("nl") == ("lasser", False) and welder.label("en").text == "welder"
