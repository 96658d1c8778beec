"""The sign-up's "describe your work": stored with the sign-up without any engine work, its
skills suggested (in Dutch) on the resident's skills checklist after the e-mail link, and shown
to the advisors of the participant's own organisation only."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import MunicipalityFactory, OrganisationFactory, user_with_role
from tests.people.test_sign_up_and_triage import SIGN_UP, log_in_by_mailed_link
from tests.skills.care_and_technical import (
    CARE_TEXT,
    DRAWINGS,
    ELDERLY,
    MEDICINES,
    TECH_TEXT,
    write_esco_with_care_and_technical_skills,
)
from vakmanschap.accounts.models import User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import Concept
from vakmanschap.people.models import WORK_DESCRIPTION_MAX_CHARS, Participant
from vakmanschap.skills import loader
from vakmanschap.skills.models import PersonSkill, SkillStatus

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def esco(tmp_path):
    import_esco([write_esco_with_care_and_technical_skills(tmp_path / "esco")])
    return {c.uri: c for c in Concept.objects.filter(uri__in=[ELDERLY, MEDICINES, DRAWINGS])}


@pytest.fixture
def enschede():
    return MunicipalityFactory()


@pytest.fixture
def organisation(enschede):
    """The one advice organisation in Enschede: it takes up the online sign-ups from there."""
    return OrganisationFactory(kind=OrganisationKind.ADVICE, municipality=enschede)


def _sign_up(client, enschede, work="", **extra):
    data = {**SIGN_UP, "municipality": enschede.pk, "work_description": work, **extra}
    return client.post(reverse("people:sign_up"), data)


def _ranked(response) -> list[str]:
    return [skill.uri for skill, _label, _score in response.context["suggestions"]]


# ---------------------------------------------------------------------- the sign-up form
def test_the_description_is_optional(client, enschede, mailoutbox):
    assert _sign_up(client, enschede)["Location"] == reverse("people:sign_up_sent")
    assert Participant.objects.get().work_description == ""


def test_the_description_is_stored_with_the_sign_up_and_no_engine_runs(
    client, enschede, mailoutbox, esco
):
    _sign_up(client, enschede, f"  {CARE_TEXT}\n")
    assert Participant.objects.get().work_description == CARE_TEXT
    assert not loader.is_loaded()  # the POST stays cheap: suggestions come after the link


@pytest.mark.parametrize(
    "language, message",
    [
        ("nl", "Beschrijf uw werk in hoogstens 1000 tekens (nu 1001)."),
        ("en", "Describe your work in at most 1000 characters (now 1001)."),
    ],
)
def test_a_too_long_description_is_refused_naming_the_field_and_nothing_is_written(
    client, enschede, mailoutbox, language, message
):
    if language == "en":
        client.post(reverse("core:set_language"), {"language": "en"})
    response = _sign_up(client, enschede, "x" * (WORK_DESCRIPTION_MAX_CHARS + 1))
    assert response.status_code == 200
    assert response.context["form"].errors["work_description"] == [message]
    assert message in response.content.decode()
    assert not User.objects.exists() and not Participant.objects.exists() and not mailoutbox


def test_the_form_labels_the_field_in_dutch_and_english(client):
    page = client.get(reverse("people:sign_up")).content.decode()
    assert "Beschrijf uw werk (niet verplicht)" in page
    client.post(reverse("core:set_language"), {"language": "en"})
    page = client.get(reverse("people:sign_up")).content.decode()
    assert "Describe your work (optional)" in page and 'maxlength="1000"' in page


def test_the_sign_up_post_runs_as_many_queries_with_a_description(
    client, enschede, pinned_queries, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _sign_up(client, enschede, email="warm@example.org", family_name="Warm")  # cold caches
    with pinned_queries("sign-up POST"):
        _sign_up(client, enschede, email="a@example.org")
    with pinned_queries("sign-up POST"):
        _sign_up(client, enschede, CARE_TEXT, email="b@example.org", family_name="Bakker")


# ---------------------------------------------------------------------- after the e-mail link
def test_after_the_link_the_resident_sees_dutch_suggestions_and_confirms_one(
    client, enschede, mailoutbox, esco
):
    _sign_up(client, enschede, CARE_TEXT)
    home = log_in_by_mailed_link(client, mailoutbox[0]).content.decode()
    url = reverse("skills:describe_my_work")
    assert url in home and "U hebt uw werk beschreven" in home
    response = client.get(url)
    page = response.content.decode()
    assert CARE_TEXT in page  # the form holds what they wrote
    assert set(_ranked(response)[:2]) == {ELDERLY, MEDICINES}  # care first
    elderly, medicines = esco[ELDERLY], esco[MEDICINES]
    assert "zorgen voor ouderen" in page and "medicatie toedienen" in page
    assert f'value="{elderly.pk}"' in page and f'value="{medicines.pk}"' in page
    participant = Participant.objects.get()
    assert not PersonSkill.objects.filter(participant=participant).exists()  # only suggested

    client.post(url, {"action": "confirm", "skills": [str(elderly.pk)]})  # medicines unticked
    recorded = PersonSkill.objects.get(participant=participant)
    assert (recorded.skill, recorded.status) == (elderly, SkillStatus.ADDED)
    page = client.get(url).content.decode()
    assert f'value="{elderly.pk}"' not in page and f'value="{medicines.pk}"' in page


def test_technical_work_gives_technical_skills_in_english_too(client, enschede, mailoutbox, esco):
    client.post(reverse("core:set_language"), {"language": "en"})
    _sign_up(client, enschede, TECH_TEXT)
    log_in_by_mailed_link(client, mailoutbox[0])
    response = client.get(reverse("skills:describe_my_work"))
    assert "read technical drawings" in response.content.decode()
    assert _ranked(response)[0] == DRAWINGS  # then the rest of the tiny ESCO, care last


def test_a_new_description_on_the_checklist_replaces_the_stored_one(
    client, enschede, mailoutbox, esco
):
    _sign_up(client, enschede, CARE_TEXT)
    log_in_by_mailed_link(client, mailoutbox[0])
    page = client.post(
        reverse("skills:describe_my_work"), {"action": "suggest", "work": TECH_TEXT}
    ).content.decode()
    assert "technische tekeningen lezen" in page
    assert Participant.objects.get().work_description == TECH_TEXT
    tech = client.get(reverse("skills:describe_my_work"))
    assert TECH_TEXT in tech.content.decode() and _ranked(tech)[0] == DRAWINGS
    too_long = "x" * (WORK_DESCRIPTION_MAX_CHARS + 1)
    page = client.post(
        reverse("skills:describe_my_work"), {"action": "suggest", "work": too_long}
    ).content.decode()
    assert "Beschrijf uw werk in hoogstens 1000 tekens (nu 1001)." in page
    assert Participant.objects.get().work_description == TECH_TEXT


def test_without_esco_the_checklist_says_so(client, enschede, mailoutbox):
    _sign_up(client, enschede, CARE_TEXT)
    log_in_by_mailed_link(client, mailoutbox[0])
    page = client.get(reverse("skills:describe_my_work")).content.decode()
    assert "ESCO-vaardigheden" in page
    assert 'name="skills"' not in page


# ---------------------------------------------------------------------- the advisor
@pytest.fixture
def signed_up(client, enschede, organisation, mailoutbox, esco):
    _sign_up(client, enschede, CARE_TEXT)
    client.logout()
    participant = Participant.objects.get()
    assert participant.advice_organisation == organisation
    return participant


def test_the_advisor_sees_the_description_and_adds_a_suggested_skill(
    client, signed_up, organisation, esco
):
    client.force_login(user_with_role(Role.ADVISOR, organisation))
    page = client.get(reverse("skills:person_skills", args=[signed_up.pk])).content.decode()
    assert CARE_TEXT in page and "Werk in de woorden van de deelnemer" in page
    assert "zorgen voor ouderen" in page
    medicines = esco[MEDICINES]
    url = reverse("skills:add_described_skills", args=[signed_up.pk])
    assert client.post(url, {"skills": [str(medicines.pk)]}).status_code == 302
    assert list(PersonSkill.objects.values_list("skill", "status")) == [
        (medicines.pk, SkillStatus.ADDED)
    ]
    page = client.post(url, follow=True).content.decode()  # nothing ticked
    assert "Vink ten minste één vaardigheid aan" in page
    assert PersonSkill.objects.count() == 1


def test_another_organisations_advisor_gets_404(client, signed_up, esco):
    other = OrganisationFactory(kind=OrganisationKind.ADVICE)
    client.force_login(user_with_role(Role.ADVISOR, other))
    assert client.get(reverse("skills:person_skills", args=[signed_up.pk])).status_code == 404
    url = reverse("skills:add_described_skills", args=[signed_up.pk])
    assert client.post(url, {"skills": [str(esco[ELDERLY].pk)]}).status_code == 404
    assert not PersonSkill.objects.exists()


def test_another_participant_cannot_add_skills_to_this_one(client, signed_up, enschede, esco):
    other = user_with_role(Role.PARTICIPANT)
    client.force_login(other)
    url = reverse("skills:add_described_skills", args=[signed_up.pk])
    assert client.post(url, {"skills": [str(esco[ELDERLY].pk)]}).status_code in (403, 404)
    assert client.get(reverse("skills:person_skills", args=[signed_up.pk])).status_code in (
        403,
        404,
    )
    assert not PersonSkill.objects.exists()


def test_the_data_download_holds_the_description_and_anonymisation_clears_it(signed_up):
    from vakmanschap.privacy import services as privacy

    assert privacy._participant_dict(signed_up)["work_description"] == CARE_TEXT
    privacy.anonymise(signed_up)
    assert Participant.objects.get(pk=signed_up.pk).work_description == ""


# ---------------------------------------------------------------------- while typing (HTMX)
@pytest.fixture
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_the_sign_up_form_asks_for_skills_while_typing(client):
    page = client.get(reverse("people:sign_up")).content.decode()
    assert f'hx-get="{reverse("skills:work_suggestions")}"' in page
    assert 'id="work-skill-suggestions" aria-live="polite"' in page


def test_typing_shows_the_skills_found_and_stores_nothing(client, esco, fresh_rate_limit):
    url = reverse("skills:work_suggestions")
    html = client.get(url, {"work_description": CARE_TEXT}, **HX).content.decode()
    assert "zorgen voor ouderen" in html and "medicatie toedienen" in html
    assert 'name="skills"' not in html  # to read only: ticking comes after the sign-up
    assert not Participant.objects.exists() and not PersonSkill.objects.exists()
    client.post(reverse("core:set_language"), {"language": "en"})
    html = client.get(url, {"work_description": TECH_TEXT}, **HX).content.decode()
    assert "read technical drawings" in html and "after signing up" in html


def test_short_or_missing_text_shows_nothing_without_the_engine(client, fresh_rate_limit):
    url = reverse("skills:work_suggestions")
    for params in ({}, {"work_description": "lassen"}, {"work_description": " " * 50}):
        response = client.get(url, params, **HX)
        assert response.status_code == 200 and response.content.decode().strip() == ""
    assert not loader.is_loaded()


def test_a_too_long_text_is_cut_and_esco_missing_shows_nothing(client, db, fresh_rate_limit):
    response = client.get(
        reverse("skills:work_suggestions"), {"work_description": "zorg " * 5000}, **HX
    )
    assert response.status_code == 200 and "<li>" not in response.content.decode()


def test_previews_are_rate_limited_per_address(client, db, fresh_rate_limit):
    url = reverse("skills:work_suggestions")
    answers = [client.get(url, {"work_description": "kort"}, **HX).status_code for _ in range(31)]
    assert answers == [200] * 30 + [429]
    other = client.get(url, {"work_description": "kort"}, REMOTE_ADDR="10.0.0.2", **HX)
    assert other.status_code == 200
