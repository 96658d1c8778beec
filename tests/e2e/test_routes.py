"""An advisor sees a person's routes to a shortage occupation and turns one into a plan."""

import datetime

import pytest

from tests.esco import escodata
from tests.factories import CourseFactory, user_with_role
from tests.skills.conftest import make_participant
from vakmanschap.accounts.roles import Role
from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import Concept, ShortageList, ShortageOccupation
from vakmanschap.funding.models import Scheme
from vakmanschap.skills import loader
from vakmanschap.skills.models import CourseSkill, PersonOccupation

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(settings, tmp_path, transactional_db):
    settings.VAR_DIR = tmp_path / "var"
    loader.reset()
    import_esco([escodata.write_esco(tmp_path / "esco")])
    concepts = {c.uri: c for c in Concept.objects.all()}
    welder = concepts[escodata.WELDER]
    shortage = ShortageList.objects.create(valid_from=datetime.date(2020, 1, 1))
    ShortageOccupation.objects.create(
        shortage_list=shortage, occupation=welder, sector="techniek", label="lasser"
    )
    Scheme.objects.create(name="TFVV", valid_from=datetime.date(2020, 1, 1))
    course = CourseFactory(
        title="Lastechniek MIG/MAG", level=2, price_cents=120_000, duration_months=3
    )
    CourseSkill.objects.create(course=course, skill=concepts[escodata.EQUIPMENT], confirmed=True)
    person = make_participant()
    PersonOccupation.objects.create(
        participant=person, occupation=concepts[escodata.UNDERWATER], years=4
    )
    yield {
        "person": person,
        "course": course,
        "welder": welder,
        "advisor": user_with_role(Role.ADVISOR),
    }
    loader.reset()


def test_advisor_sees_route_with_gap_and_course_and_makes_a_plan(page, axe, world):
    log_in(page, world["advisor"].email)
    page.goto(f"/people/{world['person'].pk}/")
    route = page.locator("#routes-panel .site-route").first
    route.wait_for()  # loaded by HTMX after the page
    assert "lasser" in route.locator("h3").inner_text()
    assert "use welding equipment" in route.locator(".site-route__gap").inner_text()
    assert "Lastechniek MIG/MAG" in route.locator(".site-route__courses").inner_text()
    assert wcag_violations(axe, page) == []
    route.get_by_role("link", name="Maak een opleidingsplan van deze route").click()
    page.wait_for_load_state()
    assert f"/plans/new/{world['person'].pk}/" in page.url
    assert page.locator("select[name=target]").input_value() == str(world["welder"].pk)
    assert page.locator(f"input[name=courses][value='{world['course'].pk}']").is_checked()
    assert wcag_violations(axe, page) == []


def test_job_title_autocomplete_adds_an_occupation_held(page, axe, world):
    person = make_participant(email="other@example.org", given_name="Ali", current_job="")
    log_in(page, world["advisor"].email)
    page.goto(f"/skills/people/{person.pk}/")
    page.get_by_label("Functietitel").fill("lasser")
    option = page.locator("#occupation-options li").first
    option.wait_for()  # HTMX options while typing
    assert "lasser" in option.inner_text()
    assert wcag_violations(axe, page) == []
    option.get_by_label("Jaren ervaring").fill("3")
    option.get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator("input[type=checkbox][name=skills]").count() == 2
    assert PersonOccupation.objects.get(participant=person).occupation == world["welder"]
    assert wcag_violations(axe, page) == []
