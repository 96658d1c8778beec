import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.people import services
from vakmanschap.people.choices import DuplicateStatus, Triage
from vakmanschap.people.identity import identity_key, is_valid_bsn
from vakmanschap.people.models import DuplicateCandidate, Participant

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "given_name": "Fatima",
    "family_name": "El Amrani",
    "birth_date": "1992-03-04",
    "postcode": "7511ab",
    "email": "fatima@example.org",
    "phone": "0612345678",
    "education_level": "vmbo",
    "work_situation": "status_holder",
    "current_job": "schoonmaker",
    "training_wish": "Verzorgende in de ouderenzorg",
    "consent": "on",
}


def sign_up_fields(municipality, **overrides):
    fields = dict(
        given_name="A",
        family_name="B",
        birth_date=datetime.date(1980, 1, 1),
        postcode="7511AB",
        municipality=municipality,
        education_level="mbo2",
        work_situation="unemployed",
        consent_purpose="x",
        privacy_version="1",
    )
    return {**fields, **overrides}


def log_in_by_mailed_link(client, message):
    """Follow the sign-up e-mail's link and press its button; answers the final page."""
    link = re.search(r"https?://[^/\s]+(/account/login/link/\S+)", message.body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    return client.post(link, {"next": page.context["next"]}, follow=True)


@pytest.fixture
def enschede():
    return MunicipalityFactory()


def test_resident_signs_up_online_and_follows_the_route(client, enschede, mailoutbox):
    response = client.post(reverse("people:sign_up"), {**SIGN_UP, "municipality": enschede.pk})
    assert response.status_code == 302
    person = Participant.objects.get()
    assert person.postcode == "7511 AB" and person.user.email == "fatima@example.org"
    assert person.privacy_version and person.consent_given_at
    assert not person.user.has_usable_password()
    log_in_by_mailed_link(client, mailoutbox[-1])
    mine = client.get(reverse("people:mine")).content.decode()
    assert 'data-step="conversation" data-state="now"' in mine


def test_sign_up_without_consent_or_with_bad_postcode_writes_nothing(client, enschede):
    data = {**SIGN_UP, "municipality": enschede.pk, "postcode": "ABC"}
    del data["consent"]
    response = client.post(reverse("people:sign_up"), data)
    assert {"consent", "postcode"} <= set(response.context["form"].errors)
    assert not Participant.objects.exists()


def test_same_name_birth_date_and_postcode_is_flagged_not_merged(enschede):
    fields = sign_up_fields(enschede, given_name="Jan", family_name="Jansen")
    first = services.register(**fields)
    second = services.register(**fields)
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.participant, candidate.other) == (first, second)  # stored in order
    assert Participant.objects.active().count() == 2
    advisor = user_with_role(Role.ADVISOR)
    services.merge(candidate, keep=first, by=advisor)
    second.refresh_from_db()
    assert second.merged_into == first and Participant.objects.active().count() == 1
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.MERGED


def test_bsn_is_stored_only_as_a_keyed_hash_and_matches_duplicates(enschede):
    bsn = "111222333"
    assert is_valid_bsn(bsn) and not is_valid_bsn("123456789")
    fields = sign_up_fields(enschede, given_name="A", family_name="B")
    first = services.register(bsn=bsn, **fields)
    assert first.identity_key == identity_key(bsn) and bsn not in first.identity_key
    second = services.register(bsn=bsn, **{**fields, "given_name": "Anders", "postcode": "7522CD"})
    assert DuplicateCandidate.objects.get(other=second).reason == "identity_key"


def test_not_eligible_needs_a_reason(client, enschede):
    advisor = user_with_role(Role.ADVISOR)
    person = services.register(
        **sign_up_fields(enschede, education_level="hbo", work_situation="employed_full_time")
    )
    client.force_login(advisor)
    response = client.post(reverse("people:triage", args=[person.pk]), {"outcome": "not_eligible"})
    assert response.status_code == 400 and response.context["triage_form"].errors["reason"]
    client.post(
        reverse("people:triage", args=[person.pk]),
        {"outcome": "not_eligible", "reason": "Heeft al een hbo-diploma."},
    )
    person.refresh_from_db()
    assert person.triage == Triage.NOT_ELIGIBLE


def test_caseload_is_for_advisors_and_a_participant_sees_only_their_own_record(client, enschede):
    advisor = user_with_role(Role.ADVISOR)
    client.force_login(advisor)
    client.post(reverse("people:register"), {**SIGN_UP, "municipality": enschede.pk})
    person = Participant.objects.get()
    assert "El Amrani" in client.get(reverse("people:caseload")).content.decode()
    other = user_with_role(Role.PARTICIPANT)
    client.force_login(other)
    assert client.get(reverse("people:caseload")).status_code == 403
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
    provider = user_with_role(Role.PROVIDER_STAFF)
    client.force_login(provider)
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 403
