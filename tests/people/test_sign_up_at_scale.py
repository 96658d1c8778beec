"""Sign-up under a surge: racing submissions, the password hasher, the duplicate index."""

import threading

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from tests.factories import MunicipalityFactory, ParticipantFactory
from tests.people.test_sign_up_and_triage import SIGN_UP, sign_up_fields
from vakmanschap.accounts.models import Membership, User
from vakmanschap.conf import base as base_settings
from vakmanschap.people import services
from vakmanschap.people.models import Participant

RACERS = 6


@pytest.fixture
def enschede(db):
    return MunicipalityFactory()


@pytest.mark.django_db
def test_a_sign_up_with_a_registered_address_writes_nothing_and_mails_the_owner(
    enschede, mailoutbox
):
    User.objects.create_user("fatima@example.org", "Een-goed-wachtwoord-42")
    assert services.sign_up(**sign_up_fields(enschede, email="Fatima@Example.org")) is None
    assert Participant.objects.count() == 0
    assert Membership.objects.count() == 0
    assert [m.to for m in mailoutbox] == [["fatima@example.org"]]
    assert "al een account" in mailoutbox[0].body


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_with_one_address_give_one_account_and_the_same_page(
    postgres_only, transactional_db, mailoutbox
):
    municipality = MunicipalityFactory()
    start = threading.Barrier(RACERS)
    answers = []

    def resident(n):
        try:
            client = Client()  # raises on a server error, so a 500 fails the test
            start.wait()
            data = {**SIGN_UP, "municipality": municipality.pk, "phone": f"061234567{n}"}
            response = client.post(reverse("people:sign_up"), data)
            answers.append((response.status_code, response["Location"]))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            answers.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=resident, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [(302, reverse("people:sign_up_sent"))] * RACERS
    assert User.objects.filter(email="fatima@example.org").count() == 1
    assert Participant.objects.count() == 1
    assert Participant.objects.get().user.email == "fatima@example.org"
    # One e-mail with the link for the new account; the five others tell the owner.
    assert sorted(m.subject for m in mailoutbox) == sorted(
        ["Bevestig uw aanmelding"] + ["Iemand probeerde zich aan te melden met uw e-mailadres"] * 5
    )


@pytest.mark.django_db
def test_new_passwords_are_argon2id_and_old_pbkdf2_hashes_still_log_in(settings):
    settings.PASSWORD_HASHERS = base_settings.PASSWORD_HASHERS  # the suite uses MD5 for speed
    user = User.objects.create_user("staff@example.org", "Een-goed-wachtwoord-42")
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    old = User.objects.create_user("old@example.org")
    old.password = make_password("Een-oud-wachtwoord-41", hasher="pbkdf2_sha256")
    old.save()
    assert old.check_password("Een-oud-wachtwoord-41")  # what the login backend calls
    old.refresh_from_db()
    assert old.password.startswith("argon2$argon2id$")  # upgraded at login


@pytest.mark.django_db
def test_duplicate_detection_is_answered_by_the_functional_index(enschede):
    person = services.register(**sign_up_fields(enschede, given_name="Jan", family_name="Jansen"))
    other = services.register(**sign_up_fields(enschede, given_name="JAN", family_name="jansen"))
    assert services.find_duplicates(other) == [(person, services.SAME_PERSON)]
    _add_other_residents(person, count=500)
    plan = _plan(services.same_person_candidates(other))
    assert "participant_same_person" in plan, plan


def _add_other_residents(like: Participant, count: int):
    """On a table of two rows every index costs the same and the planner's pick is a coin
    toss; with a few hundred residents and fresh statistics it has a real choice."""
    Participant.objects.bulk_create(
        ParticipantFactory.build(
            municipality=like.municipality,
            advice_organisation=like.advice_organisation,
            family_name=f"Achternaam{n}",
            given_name=f"Voornaam{n}",
        )
        for n in range(count)
    )


def _plan(queryset):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_participant")
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()
