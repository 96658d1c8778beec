"""The route -> prefilled plan form, and the demo helpers."""

from django.urls import reverse

from tests.factories import CourseFactory, user_with_role
from tests.skills.conftest import EQUIPMENT, WELD, WELDER, make_participant
from vakmanschap.accounts.roles import Role
from vakmanschap.demo import skills as demo
from vakmanschap.esco.models import Concept
from vakmanschap.skills.models import CourseSkill, PersonOccupation, PersonSkill


def test_plan_form_is_prefilled_from_the_route(client, underwater_person, welding_course):
    client.force_login(user_with_role(Role.ADVISOR))
    welder = Concept.objects.get(uri=WELDER)
    other = CourseFactory(title="Iets anders")
    html = client.get(
        reverse("funding:plan_new", args=[underwater_person.pk]),
        {"target": welder.pk, "courses": [welding_course.pk]},
    ).content.decode()
    assert f'<option value="{welder.pk}" selected>' in html
    checked = [
        chunk
        for chunk in html.split("<input")
        if 'name="courses"' in chunk and " checked" in chunk.split(">")[0]
    ]
    assert len(checked) == 1 and f'value="{welding_course.pk}"' in checked[0]
    assert other.title in html


def test_tag_demo_courses_is_deterministic_and_idempotent(esco_concepts):
    course = CourseFactory(title="Lasser", description="Lassen van metaal met lasapparatuur.")
    made = demo.tag_demo_courses()
    tags = set(CourseSkill.objects.filter(course=course).values_list("skill__uri", flat=True))
    assert {WELD, EQUIPMENT} <= tags and 2 <= len(tags) <= demo.MAX_TAGS
    assert all(CourseSkill.objects.filter(course=course).values_list("confirmed", flat=True))
    assert made == len(tags)
    assert demo.tag_demo_courses() == 0  # courses with confirmed tags are left alone


def test_give_demo_people_their_jobs(esco_concepts):
    participant = make_participant(current_job="lasser")
    nobody = make_participant(current_job="", email="x@example.org", given_name="Piet")
    assert demo.give_demo_people_their_jobs() == 1
    held = PersonOccupation.objects.get(participant=participant)
    assert held.occupation.uri == WELDER and held.years == demo.DEFAULT_YEARS
    assert set(
        PersonSkill.objects.filter(participant=participant).values_list("skill__uri", "status")
    ) == {(WELD, "confirmed"), (EQUIPMENT, "confirmed")}
    assert not PersonOccupation.objects.filter(participant=nobody).exists()
    assert demo.give_demo_people_their_jobs() == 0
