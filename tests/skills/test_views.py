"""Routes panel, occupations/skills of a participant, course tags: content and permissions."""

import pytest
from django.urls import reverse

from tests.factories import CourseFactory, OrganisationFactory, user_with_role
from tests.skills.conftest import EQUIPMENT, WELD, WELDER, make_participant
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.esco.models import Concept
from vakmanschap.skills import services
from vakmanschap.skills.models import CourseSkill, PersonOccupation, PersonSkill

HX = {"HTTP_HX_REQUEST": "true"}


def login(client, role, organisation=None):
    user = user_with_role(role, organisation)
    client.force_login(user)
    return user


# ---------------------------------------------------------------------- routes panel
def test_routes_panel_shows_explanation_gap_courses_and_plan_link(
    client, underwater_person, welding_course
):
    login(client, Role.ADVISOR)
    html = client.get(
        reverse("skills:person_routes", args=[underwater_person.pk]), **HX
    ).content.decode()
    assert "<html" not in html  # an HTMX partial
    welder = Concept.objects.get(uri=WELDER)
    assert "lasser" in html and "Uw ervaring past voor" in html  # Dutch by default
    gap = html.split('class="site-route__gap"')[1].split("</dd>")[0]
    assert "use welding equipment" in gap
    courses = html.split('class="site-route__courses"')[1].split("</dd>")[0]
    assert "Lastechniek MIG/MAG" in courses and "1.200,00" in courses
    assert (
        f"/plans/new/{underwater_person.pk}/?target={welder.pk}&amp;courses={welding_course.pk}"
    ) in html


def test_routes_page_in_english(client, underwater_person):
    login(client, Role.FUND_OFFICER)
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("skills:person_routes", args=[underwater_person.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "<h1" in html and "Your experience fits welder" in html
    assert "Make a training plan" not in html  # only advisors write plans


def test_person_detail_includes_the_panel_and_the_skills_section(client, underwater_person):
    login(client, Role.ADVISOR)
    html = client.get(reverse("people:detail", args=[underwater_person.pk])).content.decode()
    assert f'hx-get="/skills/people/{underwater_person.pk}/routes/"' in html
    assert 'id="routes-heading"' in html and 'id="skills-heading"' in html
    assert "onderwaterlasser" in html  # the occupation held


def test_no_occupation_held_explains_what_to_do(client, esco_db):
    participant = make_participant()
    login(client, Role.ADVISOR)
    html = client.get(reverse("skills:person_routes", args=[participant.pk]), **HX).content.decode()
    assert reverse("skills:person_skills", args=[participant.pk]) in html


def test_routes_without_esco_import_say_so(client, db):
    participant = make_participant()
    login(client, Role.ADVISOR)
    response = client.get(reverse("skills:person_routes", args=[participant.pk]), **HX)
    assert response.status_code == 200
    assert "not imported yet" in response.content.decode() or "nog niet" in (
        response.content.decode()
    )


def test_participant_sees_own_routes_only(client, underwater_person):
    user = user_with_role(Role.PARTICIPANT)
    underwater_person.user = user
    underwater_person.save(update_fields=["user"])
    other = make_participant(email="other@example.org", given_name="Ali")
    client.force_login(user)
    assert client.get(reverse("skills:my_routes"), **HX).status_code == 200
    assert "lasser" in client.get(reverse("skills:my_routes"), **HX).content.decode()
    assert (
        client.get(reverse("skills:person_routes", args=[underwater_person.pk])).status_code == 200
    )
    assert client.get(reverse("skills:person_routes", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("skills:person_skills", args=[underwater_person.pk])).status_code == 403
    )
    mine = client.get(reverse("people:mine")).content.decode()
    assert 'hx-get="/skills/mine/routes/"' in mine


@pytest.mark.parametrize(
    ("role", "routes", "skills"),
    [
        (Role.ADVISOR, 200, 200),
        (Role.FUND_OFFICER, 200, 403),
        (Role.ADMINISTRATOR, 200, 200),
        (Role.PROVIDER_STAFF, 403, 403),
        (Role.EMPLOYER_STAFF, 403, 403),
    ],
)
def test_role_matrix_for_person_pages(client, underwater_person, role, routes, skills):
    login(client, role)
    assert (
        client.get(reverse("skills:person_routes", args=[underwater_person.pk])).status_code
        == routes
    )
    assert (
        client.get(reverse("skills:person_skills", args=[underwater_person.pk])).status_code
        == skills
    )


def test_anonymous_is_sent_to_log_in(client, underwater_person):
    response = client.get(reverse("skills:person_routes", args=[underwater_person.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


# ---------------------------------------------------------------------- occupations and skills
def test_autocomplete_options_and_plain_submit(client, esco_concepts):
    participant = make_participant(current_job="lasser")
    login(client, Role.ADVISOR)
    url = reverse("skills:occupation_options", args=[participant.pk])
    html = client.get(url, {"q": "lasser"}, **HX).content.decode()
    assert "lasser" in html and f'value="{esco_concepts["welder"].pk}"' in html
    assert 'for="years-' in html  # every input labelled
    page = client.get(reverse("skills:person_skills", args=[participant.pk]), {"q": "lasser"})
    assert f'value="{esco_concepts["welder"].pk}"' in page.content.decode()
    assert client.get(url, {"q": "lasser"}).status_code == 302  # no HTMX: the full page


def test_add_occupation_then_checklist_confirms_and_removes(client, esco_concepts):
    participant = make_participant()
    login(client, Role.ADVISOR)
    response = client.post(
        reverse("skills:add_occupation", args=[participant.pk]),
        {"occupation": esco_concepts["welder"].pk, "years": "2.5"},
    )
    assert response.status_code == 302
    held = PersonOccupation.objects.get(participant=participant)
    assert held.occupation == esco_concepts["welder"] and float(held.years) == 2.5
    page = client.get(reverse("skills:person_skills", args=[participant.pk])).content.decode()
    assert "use welding equipment" in page and 'type="checkbox"' in page
    client.post(
        reverse("skills:save_checklist", args=[participant.pk, held.pk]),
        {"skills": [esco_concepts["weld"].pk]},
    )
    status = dict(
        PersonSkill.objects.filter(participant=participant).values_list("skill__uri", "status")
    )
    assert status == {WELD: "confirmed", EQUIPMENT: "removed"}


def test_skill_search_and_add(client, esco_concepts):
    participant = make_participant()
    login(client, Role.ADVISOR)
    html = client.get(
        reverse("skills:skill_options", args=[participant.pk]),
        {"skill-q": "Python programming"},
        **HX,
    ).content.decode()
    assert f'value="{esco_concepts["python"].pk}"' in html
    client.post(
        reverse("skills:add_skill", args=[participant.pk]), {"skill": esco_concepts["python"].pk}
    )
    assert PersonSkill.objects.get(participant=participant).status == "added"


# ---------------------------------------------------------------------- course tags
@pytest.fixture
def two_providers(esco_concepts):
    a = OrganisationFactory(kind=OrganisationKind.PROVIDER)
    b = OrganisationFactory(kind=OrganisationKind.PROVIDER)
    course_a = CourseFactory(
        provider=a, title="Lasser", description="Metaal lassen: weld metal with welding equipment."
    )
    course_b = CourseFactory(provider=b, title="Python voor beginners")
    return a, b, course_a, course_b


def test_provider_tags_only_own_courses(client, two_providers):
    a, b, course_a, course_b = two_providers
    login(client, Role.PROVIDER_STAFF, a)
    assert client.get(reverse("skills:course_tags", args=[course_a.pk])).status_code == 200
    assert client.get(reverse("skills:course_tags", args=[course_b.pk])).status_code == 404
    assert (
        client.post(
            reverse("skills:course_tags", args=[course_b.pk]), {"action": "suggest"}
        ).status_code
        == 404
    )
    assert not CourseSkill.objects.filter(course=course_b).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.FUND_OFFICER, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.ADVISOR, 403),
        (Role.PARTICIPANT, 403),
        (Role.EMPLOYER_STAFF, 403),
    ],
)
def test_course_tag_role_matrix(client, two_providers, role, status):
    login(client, role)
    assert (
        client.get(reverse("skills:course_tags", args=[two_providers[3].pk])).status_code == status
    )


def test_suggest_confirm_and_remove_tags(client, two_providers, esco_concepts):
    course = two_providers[2]
    user = login(client, Role.FUND_OFFICER)
    url = reverse("skills:course_tags", args=[course.pk])
    client.post(url, {"action": "suggest"})
    suggested = {t.skill.uri: t for t in CourseSkill.objects.filter(course=course)}
    assert WELD in suggested and not any(t.confirmed for t in suggested.values())
    assert "weld metal" in client.get(url).content.decode()
    client.post(url, {"action": "confirm", "tag": suggested[WELD].pk})
    tag = CourseSkill.objects.get(pk=suggested[WELD].pk)
    assert tag.confirmed and tag.confirmed_by == user
    others = [t for uri, t in suggested.items() if uri != WELD]
    for t in others:
        client.post(url, {"action": "remove", "tag": t.pk})
    assert list(CourseSkill.objects.filter(course=course).values_list("skill__uri", flat=True)) == [
        WELD
    ]
    client.post(url, {"action": "add", "skill": esco_concepts["equipment"].pk})
    assert CourseSkill.objects.get(course=course, skill__uri=EQUIPMENT).confirmed


def test_occupation_and_skill_pages(client, underwater_person, welding_course, esco_concepts):
    login(client, Role.ADVISOR)
    html = client.get(
        reverse("skills:occupation", args=[esco_concepts["welder"].pk])
    ).content.decode()
    assert "onderwaterlasser" in html  # similar occupation
    assert "Lastechniek MIG/MAG" in html
    html = client.get(
        reverse("skills:skill", args=[esco_concepts["equipment"].pk])
    ).content.decode()
    assert "Lastechniek MIG/MAG" in html


def test_described_work_gives_suggestions_in_dutch_and_marks_english_ones(client, esco_concepts):
    participant = make_participant()
    login(client, Role.ADVISOR)
    page = client.get(reverse("skills:person_skills", args=[participant.pk])).content.decode()
    assert "Beschrijf het werk, of zoek een vaardigheid" in page
    html = client.get(
        reverse("skills:skill_options", args=[participant.pk]),
        {"skill-q": "ik programmeer in Python en las metaal"},
        **HX,
    ).content.decode()
    assert "Python (computerprogrammering)" in html  # the Dutch label
    # "weld metal" has no Dutch label: English, marked, with its Dutch field beside it
    assert '<span lang="en">weld metal</span>' in html and "(EN)" in html
    assert "vakgebied: vaardigheden" in html


# ---------------------------------------------------------------------- the resident's own work
def _resident(client, **fields):
    user = user_with_role(Role.PARTICIPANT)
    participant = make_participant(**fields)
    participant.user = user
    participant.save(update_fields=["user"])
    client.force_login(user)
    return participant


def test_resident_describes_work_and_confirms_suggested_skills(client, esco_concepts):
    participant = _resident(client)
    url = reverse("skills:describe_my_work")
    assert url in client.get(reverse("people:mine")).content.decode()
    page = client.get(url).content.decode()
    assert "Beschrijf uw werk" in page and "Skills in your description" not in page
    html = client.post(
        url, {"action": "suggest", "work": "ik programmeer in Python en las metaal"}
    ).content.decode()
    assert "Python (computerprogrammering)" in html  # Dutch label
    assert '<span lang="en">weld metal</span>' in html  # no Dutch label: marked, with its field
    assert not PersonSkill.objects.filter(participant=participant).exists()  # nothing saved yet
    python = Concept.objects.get(uri=esco_concepts["python"].uri)
    response = client.post(url, {"action": "confirm", "skills": [str(python.pk)]})
    assert response.status_code == 302
    assert PersonSkill.objects.get(participant=participant).skill == python
    # a skill already recorded is no longer suggested
    html = client.post(
        url, {"action": "suggest", "work": "ik programmeer in Python en las metaal"}
    ).content.decode()
    assert f'value="{python.pk}"' not in html


def test_empty_description_names_the_field_and_suggests_nothing(client, esco_concepts):
    _resident(client)
    html = client.post(
        reverse("skills:describe_my_work"), {"action": "suggest", "work": "   "}
    ).content.decode()
    assert "Beschrijf uw werk" in html and "Dit veld is vereist" in html
    assert 'name="skills"' not in html
    response = client.post(reverse("skills:describe_my_work"), {"action": "confirm"})
    assert response.status_code == 302
    assert not PersonSkill.objects.exists()


def test_confirming_touches_only_own_record_and_only_skills(client, esco_concepts):
    own = _resident(client)
    other = make_participant(email="ali@example.org", given_name="Ali")
    occupation = esco_concepts["welder"]
    weld = Concept.objects.get(uri=WELD)
    client.post(
        reverse("skills:describe_my_work"),
        {"action": "confirm", "skills": [str(weld.pk), str(occupation.pk), "x"]},
    )
    assert list(PersonSkill.objects.values_list("participant", "skill")) == [(own.pk, weld.pk)]
    assert not PersonSkill.objects.filter(participant=other).exists()


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.FUND_OFFICER, Role.PROVIDER_STAFF])
def test_describe_my_work_is_for_residents_only(client, esco_concepts, role):
    login(client, role)
    response = client.get(reverse("skills:describe_my_work"))
    assert response.status_code in (403, 404)


def test_a_participant_account_without_a_sign_up_gets_404(client, esco_concepts):
    login(client, Role.PARTICIPANT)
    assert client.get(reverse("skills:describe_my_work")).status_code == 404


def test_empty_text_gives_no_suggestions_without_asking_the_engine(db):
    assert services.suggest_skills_from_work("") == []
    assert services.suggest_skills_from_work("  \n ") == []  # no ESCO import needed either
