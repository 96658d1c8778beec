"""The employer's "Toon de route": the route from the employee's current job into the chosen
shortage occupation, never into another occupation the engine happens to find closer."""

import pytest

from tests.esco import conftest as esco_fixtures
from vakmanschap.esco.models import ShortageOccupation
from vakmanschap.nominations import services as nominations
from vakmanschap.skills import loader

esco_dir, esco_db = esco_fixtures.esco_dir, esco_fixtures.esco_db
esco_concepts, shortage_list = esco_fixtures.esco_concepts, esco_fixtures.shortage_list

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _engine_cache_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    loader.reset()
    yield
    loader.reset()


def test_the_preview_leads_into_the_chosen_occupation(esco_concepts, shortage_list):
    # The underwater welder is far closer to the welder than to the software developer; the
    # employer chose the developer, so that is where the route must go.
    ShortageOccupation.objects.create(
        shortage_list=shortage_list, occupation=esco_concepts["developer"], sector="ict"
    )
    preview = nominations.route_preview("onderwaterlasser", esco_concepts["developer"], "nl")
    assert preview is not None
    assert preview.matched_label == "onderwaterlasser"
    assert preview.target_label == "softwareontwikkelaar"
    assert preview.gaps  # the developer's knowledge is still to learn

    welder = nominations.route_preview("onderwaterlasser", esco_concepts["welder"], "nl")
    assert welder.target_label == "lasser"
