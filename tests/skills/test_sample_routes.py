"""The sample route plan that gunicorn's master runs before the fork (gunicorn.conf.py)."""

from vakmanschap.esco.models import ShortageOccupation
from vakmanschap.skills import services
from vakmanschap.skills.models import PersonOccupation

from .conftest import make_participant


def test_sample_routes_are_those_of_a_resident_who_held_the_first_shortage_occupation(
    esco_concepts, shortage_list, welding_course
):
    # the underwater welder first: the sample holds it and can reach the welder
    ShortageOccupation.objects.all().delete()
    for key in ("underwater", "welder"):
        ShortageOccupation.objects.create(
            shortage_list=shortage_list, occupation=esco_concepts[key], sector="techniek"
        )
    participant = make_participant()
    PersonOccupation.objects.create(
        participant=participant, occupation=esco_concepts["underwater"], years=5
    )

    assert services.plan_sample_routes() == len(services.routes_for(participant)) > 0


def test_without_a_shortage_list_there_is_no_sample(esco_concepts):
    assert services.plan_sample_routes() == 0
