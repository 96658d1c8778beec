"""A course whose ESCO skill tags do not touch the target occupation's skills (essential and
optional) gets a warning with its reason, on the plan page and in the plan API."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.api.test_fund_workflow_api import client_for
from tests.factories import CourseFactory
from vakmanschap.esco.models import Concept, OccupationSkill
from vakmanschap.funding import plan_warnings
from vakmanschap.skills.models import CourseSkill

pytestmark = pytest.mark.django_db


def _skill(name):
    return Concept.objects.create(uri=f"http://data.europa.eu/esco/skill/{name}", kind="skill")


@pytest.fixture
def skills(fund):
    """The nurse needs care (essential) and teamwork (optional); medication is no nurse skill
    here, and the welding course teaches welding only."""
    care, teams, welding = _skill("care"), _skill("teams"), _skill("welding")
    OccupationSkill.objects.create(occupation=fund.nurse, skill=care, relation_type="essential")
    OccupationSkill.objects.create(occupation=fund.nurse, skill=teams, relation_type="optional")
    CourseSkill.objects.create(course=fund.course, skill=care, confirmed=True)
    CourseSkill.objects.create(course=fund.course_b, skill=welding)
    return {"care": care, "teams": teams, "welding": welding}


def test_only_a_course_that_touches_no_skill_of_the_occupation_is_warned_about(fund, skills):
    untagged = CourseFactory(provider=fund.provider, title="Zonder labels", price_cents=1000)
    plan = fund.plan(courses=[fund.course, fund.course_b, untagged])
    with translation.override("nl"):
        assert plan_warnings.for_plan(plan) == [
            "De cursus Lasser leert geen vaardigheden van beroep verpleegkundige."
        ]
    with translation.override("en"):
        assert plan_warnings.for_plan(plan) == [
            "The course Lasser teaches none of the skills of the occupation nurse."
        ]
    # An optional skill of the occupation is enough.
    CourseSkill.objects.create(course=fund.course_b, skill=skills["teams"])
    assert plan_warnings.for_plan(plan) == []


def test_an_occupation_without_skills_gives_no_warning(fund, skills):
    plan = fund.plan(courses=[fund.course_b], occupation=fund.clerk)
    assert plan_warnings.for_plan(plan) == []


def test_the_fund_officer_sees_the_warning_on_the_plan_page(client, fund, skills):
    plan = fund.plan(courses=[fund.course, fund.course_b])
    url = reverse("funding:plan_detail", args=[plan.pk])
    client.force_login(fund.fund_officer)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "De cursus Lasser leert geen vaardigheden van beroep verpleegkundige." in page
    assert "Verzorgende IG leert geen" not in page
    client.force_login(fund.other_advisor)  # an advisor of another organisation
    assert client.get(url).status_code == 404


def test_the_plan_api_answers_with_the_warning(fund, skills):
    plan = fund.plan(courses=[fund.course_b])
    api = client_for(fund.advisor)
    body = api.post(f"/api/v1/plans/{plan.pk}/submit", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert body["status"] == "submitted"
    assert body["warnings"] == [
        "De cursus Lasser leert geen vaardigheden van beroep verpleegkundige."
    ]
    officer = client_for(fund.fund_officer)
    approved = officer.post(f"/api/v1/plans/{plan.pk}/approve").json()
    assert len(approved["warnings"]) == 1
