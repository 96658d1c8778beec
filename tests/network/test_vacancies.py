"""Vacancies and learning-work places: ESCO matching, employer isolation, routes, advisor
notifications, API."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from tests.scan.helpers import make_employer, make_staff
from vakmanschap.accounts.roles import Role
from vakmanschap.notifications.needs_action import sections_for
from vakmanschap.skills import loader
from vakmanschap.skills.models import PersonOccupation
from vakmanschap.vacancies.models import ParticipantProfile, Vacancy, VacancyMatch

pytestmark = pytest.mark.django_db


class TinyEngine:
    """Enough of the skills engine for title matching: "verpleeg" -> nurse, else clerk."""

    def __init__(self, world):
        self.world = world

    def match_titles(self, texts, k=10, lang="en", mode="auto"):
        out = []
        for text in texts:
            nurse = (self.world.nurse.uri, "verpleegkundige", 0.9)
            clerk = (self.world.clerk.uri, "administratief medewerker", 0.4)
            out.append(([nurse, clerk] if "verpleeg" in text.lower() else [clerk, nurse])[:k])
        return out


@pytest.fixture
def world(db):
    w = FundWorld()
    w.employer = make_employer(name="Zorg BV", sector="Q")
    w.staff = make_staff(w.employer)
    w.other = make_employer(name="Ander BV")
    w.other_staff = make_staff(w.other)
    return w


@pytest.fixture
def engine(world, monkeypatch):
    monkeypatch.setattr(loader, "get_engine", lambda: TinyEngine(world))


def _data(world, **overrides):
    return {
        "title": "Leerling verpleegkundige BBL",
        "hours_per_week": "32",
        "municipality": world.enschede.pk,
        "start_date": "2027-02-01",
        "bbl": "on",
        "is_open": "on",
        "occupation_choice": "",
    } | overrides


def _opted_in_participant(world, occupation=None):
    participant = world.participant()
    participant.advisor = world.advisor
    participant.save(update_fields=["advisor"])
    PersonOccupation.objects.create(
        participant=participant, occupation=occupation or world.nurse, years=3
    )
    ParticipantProfile.objects.create(participant=participant, opt_in_vacancies=True)
    return participant


def test_title_is_matched_by_the_engine_and_staff_may_correct_it(client, world, engine):
    client.force_login(world.staff)
    response = client.post(reverse("network:vacancy_new", args=[world.employer.pk]), _data(world))
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.occupation == world.nurse and vacancy.occupation_source == "engine"
    assert vacancy.occupation_score == pytest.approx(0.9) and vacancy.bbl
    edit = reverse("network:vacancy_edit", args=[vacancy.pk])
    assert str(world.clerk) in client.get(edit).content.decode()  # among the top 5
    client.post(edit, _data(world, occupation_choice=str(world.clerk.pk)))
    vacancy.refresh_from_db()
    assert vacancy.occupation == world.clerk and vacancy.occupation_source == "staff"


def test_without_the_engine_staff_set_the_occupation_from_the_shortage_list(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("network:vacancy_new", args=[world.employer.pk]),
        _data(world, occupation_choice=str(world.nurse.pk)),
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.occupation == world.nurse and vacancy.occupation_source == "staff"
    client.post(
        reverse("network:vacancy_new", args=[world.employer.pk]), _data(world, title="Iets")
    )
    assert Vacancy.objects.get(title="Iets").occupation is None


def test_bad_vacancy_input_is_named_per_field_and_nothing_is_written(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("network:vacancy_new", args=[world.employer.pk]),
        _data(
            world,
            title="",
            hours_per_week="99",
            start_date="morgen",
            municipality="0",
            occupation_choice="424242",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("title", "hours_per_week", "start_date", "municipality", "occupation_choice"):
        assert f'id="id_{field}_error"' in html, field
    assert not Vacancy.objects.exists()


def test_opening_a_vacancy_notifies_the_advisors_of_opted_in_matches(
    client, world, engine, django_capture_on_commit_callbacks
):
    fits = _opted_in_participant(world)
    not_opted = world.participant(given_name="Piet", email="piet@example.org")
    PersonOccupation.objects.create(participant=not_opted, occupation=world.nurse, years=1)
    _opted_in_participant(world, occupation=world.clerk)  # other occupation
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:vacancy_new", args=[world.employer.pk]), _data(world))
    vacancy = Vacancy.objects.get()
    assert list(VacancyMatch.objects.values_list("participant", flat=True)) == [fits.pk]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.advisor.email]
    assert str(fits) in mail.outbox[0].body and "Piet" not in mail.outbox[0].body
    # needs-action section for the advisor
    section = next(s for s in sections_for(world.advisor) if s.key == "vacancy_matches")
    rows = [section.describe(m) for m in section.items(world.advisor)]
    assert len(rows) == 1 and vacancy.title in rows[0].text
    assert "vacancy_matches" not in [s.key for s in sections_for(world.staff)]
    # saving again sends nothing new
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:vacancy_edit", args=[vacancy.pk]), _data(world, hours_per_week="30")
        )
    assert len(mail.outbox) == 1
    # the advisor marks it handled
    client.force_login(world.advisor)
    match = VacancyMatch.objects.get()
    assert client.post(reverse("network:match_done", args=[match.pk])).status_code == 302
    assert not list(section.items(world.advisor))


def test_routes_show_the_companies_that_take_you_on(client, world):
    participant = _opted_in_participant(world)
    world.plan(participant=participant)  # a route to the nurse occupation
    Vacancy.objects.create(
        organisation=world.employer,
        title="Verpleegkundige",
        occupation=world.nurse,
        hours_per_week=24,
        municipality=world.enschede,
        start_date=datetime.date(2027, 1, 1),
        bbl=True,
    )
    Vacancy.objects.create(
        organisation=world.other,
        title="Gesloten",
        occupation=world.nurse,
        hours_per_week=24,
        municipality=world.enschede,
        start_date=datetime.date(2027, 1, 1),
        is_open=False,
    )
    client.force_login(world.advisor)
    html = client.get(
        reverse("network:route_extras", args=[participant.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Zorg BV" in html and "Gesloten" not in html


def test_participant_opts_in_on_their_own_page(client, world):
    participant = world.participant()
    user = user_with_role(Role.PARTICIPANT)
    participant.user = user
    participant.save(update_fields=["user"])
    client.force_login(user)
    html = client.get(reverse("network:route_extras", args=[participant.pk])).content.decode()
    assert 'name="opt_in_vacancies"' in html
    assert (
        client.post(reverse("network:my_preferences"), {"opt_in_vacancies": "on"}).status_code
        == 302
    )
    assert ParticipantProfile.objects.get(participant=participant).opt_in_vacancies
    other = world.participant(given_name="Ander", email="a@example.org", postcode="7512AB")
    assert client.get(reverse("network:route_extras", args=[other.pk])).status_code == 404


def test_one_employer_never_reaches_anothers_vacancies(client, world):
    vacancy = Vacancy.objects.create(
        organisation=world.employer,
        title="Geheim",
        hours_per_week=24,
        municipality=world.enschede,
        start_date=datetime.date(2027, 1, 1),
        is_open=False,
    )
    client.force_login(world.other_staff)
    for url in (
        reverse("network:vacancies", args=[world.employer.pk]),
        reverse("network:vacancy_new", args=[world.employer.pk]),
        reverse("network:vacancy_detail", args=[vacancy.pk]),
        reverse("network:vacancy_edit", args=[vacancy.pk]),
        f"/api/v1/employers/{world.employer.pk}/vacancies",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Geheim" not in response.content
    assert client.post(reverse("network:vacancy_delete", args=[vacancy.pk])).status_code == 404
    response = client.post(
        f"/api/v1/employers/{world.employer.pk}/vacancies",
        {"title": "X", "hours_per_week": 10, "municipality": "GM0153", "start_date": "2027-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Vacancy.objects.count() == 1


@pytest.mark.parametrize("role", list(Role.values))
def test_role_against_the_vacancy_pages(client, world, role):
    vacancy = Vacancy.objects.create(
        organisation=world.employer,
        title="Open",
        hours_per_week=24,
        municipality=world.enschede,
        start_date=datetime.date(2027, 1, 1),
    )
    user = world.staff if role == Role.EMPLOYER_STAFF else user_with_role(role)
    client.force_login(user)
    manage = role in (Role.EMPLOYER_STAFF, Role.FUND_OFFICER, Role.ADMINISTRATOR)
    for url in (
        reverse("network:vacancies", args=[world.employer.pk]),
        reverse("network:vacancy_edit", args=[vacancy.pk]),
    ):
        assert (client.get(url).status_code == 200) == manage, (role, url)
    view = manage or role == Role.ADVISOR
    assert (
        client.get(reverse("network:vacancy_detail", args=[vacancy.pk])).status_code == 200
    ) == view


def test_api_lists_and_creates_vacancies(client, world):
    client.force_login(world.staff)
    url = f"/api/v1/employers/{world.employer.pk}/vacancies"
    response = client.post(
        url,
        {
            "title": "Leerling verpleegkundige",
            "hours_per_week": 24,
            "municipality": "GM0153",
            "start_date": "2027-01-01",
            "bbl": True,
            "occupation_uri": world.nurse.uri,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["occupation"]["uri"] == world.nurse.uri and body["bbl"] is True
    bad = client.post(
        url,
        {"title": "", "hours_per_week": 0, "municipality": "Nergens", "start_date": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert Vacancy.objects.count() == 1
    listed = client.get(url).json()["vacancies"]
    assert [v["title"] for v in listed] == ["Leerling verpleegkundige"]
