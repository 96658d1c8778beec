"""Employer-backed training: nominations, consent, the employer's co-financing, what the employer
sees, NT2 and the "more hours after training" offer under the routes."""

import datetime
import hashlib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from tests.scan.helpers import make_employer, make_staff
from vakmanschap.accounts.roles import Role
from vakmanschap.funding import ledger
from vakmanschap.funding.models import FunderKind, FundingStream, LedgerEntry
from vakmanschap.nominations import services as nominations
from vakmanschap.nominations.models import Nomination
from vakmanschap.people import privacy_statements
from vakmanschap.people.models import Participant
from vakmanschap.vacancies import services as vacancies
from vakmanschap.vacancies.models import ParticipantProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    w = FundWorld()
    w.employer = make_employer(name="Zorg BV", kvk_number="91234567", sector="Q")
    w.staff = make_staff(w.employer)
    w.other = make_employer(name="Ander BV")
    w.other_staff = make_staff(w.other)
    return w


def _post_nomination(client, world, **overrides):
    data = {
        "given_name": "Fatima",
        "family_name": "Yilmaz",
        "email": "Fatima@Example.org",
        "current_job": "schoonmaker",
        "work_situation": "part_time_wants_more",
        "hours_now": "20",
        "extra_hours_offer": "12",
        "target_occupation": world.nurse.pk,
        "co_financing": "1.250,50",
    } | overrides
    return client.post(reverse("network:nominate", args=[world.employer.pk]), data)


def _token(message) -> str:
    return message.body.split("/network/nomination/")[1].split("/")[0]


def _nominate(world, **fields):
    data = dict(
        given_name="Fatima",
        family_name="Yilmaz",
        email="fatima@example.org",
        current_job="schoonmaker",
        work_situation="part_time_wants_more",
        hours_now=20,
        extra_hours_offer=12,
        target_occupation=world.nurse,
        co_financing_cents=125050,
    )
    data.update(fields)
    return nominations.nominate(
        world.employer,
        by=world.staff,
        link_for=lambda t: f"http://x/network/nomination/{t}/",
        **data,
    )


CONSENT = {
    "birth_date": "1988-04-02",
    "postcode": "7511 ab",
    "education_level": "mbo2",
    "consent": "on",
}


def test_staff_nominate_and_the_employee_is_mailed_a_hashed_single_use_link(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_nomination(client, world)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.email == "fatima@example.org" and nomination.co_financing_cents == 125050
    assert nomination.extra_hours_offer == 12 and nomination.status == "invited"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["fatima@example.org"]
    token = _token(mail.outbox[0])
    assert nomination.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Nomination.objects.values_list())
    assert not Participant.objects.exists()  # nothing shared before consent


def test_nothing_is_shared_without_consent(client, world):
    _n, token = _nominate(world)
    url = reverse("network:nomination_respond", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "Zorg BV" in page.content.decode()
    response = client.post(url, CONSENT | {"consent": "", "municipality": world.enschede.pk})
    assert response.status_code == 200 and 'id="id_consent_error"' in response.content.decode()
    assert (
        not Participant.objects.exists()
        and not LedgerEntry.objects.filter(
            kind="allocate", period__stream__employer__isnull=False
        ).exists()
    )
    assert Nomination.objects.get().status == "invited"


def test_consent_creates_the_participant_and_books_the_employer_contribution(client, world):
    nomination, token = _nominate(world)
    url = reverse("network:nomination_respond", args=[token])
    version = privacy_statements.current().version
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f"(privacyverklaring versie {version})" in form
    assert f'href="{reverse("ui:privacy_statement_version", args=[version])}"' in form
    response = client.post(url, CONSENT | {"municipality": world.enschede.pk})
    assert response.status_code == 200
    nomination.refresh_from_db()
    participant = nomination.participant
    assert nomination.status == "consented" and participant is not None
    assert participant.work_situation == "part_time_wants_more"
    assert participant.email == "fatima@example.org" and participant.postcode == "7511 AB"
    assert participant.consent_given_at is not None and participant.current_job == "schoonmaker"
    assert participant.privacy_version == version  # the version the form named
    stream = FundingStream.objects.get(funder_kind=FunderKind.EMPLOYERS)
    assert "Zorg BV" in stream.name
    entry = nomination.ledger_entry
    assert entry.kind == "allocate" and entry.amount_cents == 125050
    assert entry.period.stream == stream
    assert ledger.balances(entry.period).allocated == 125050
    assert stream.employer == world.employer
    # single use
    again = client.post(url, CONSENT | {"municipality": world.enschede.pk})
    assert again.status_code == 410
    assert (
        Participant.objects.count() == 1
        and LedgerEntry.objects.filter(period__stream=stream).count() == 1
    )


def test_no_co_financing_books_nothing(world):
    _n, token = _nominate(world, co_financing_cents=0)
    n = nominations.consent(
        token,
        birth_date=datetime.date(1990, 1, 1),
        postcode="7511AB",
        municipality=world.enschede,
        education_level="mbo2",
        consent_purpose="x",
        privacy_version="1",
    )
    assert (
        n.ledger_entry is None
        and not FundingStream.objects.filter(funder_kind=FunderKind.EMPLOYERS).exists()
    )


def test_expired_link_is_refused(client, world):
    nomination, token = _nominate(world)
    Nomination.objects.filter(pk=nomination.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("network:nomination_respond", args=[token])
    assert client.get(url).status_code == 410
    assert client.post(url, CONSENT | {"municipality": world.enschede.pk}).status_code == 410
    with pytest.raises(nominations.NominationError):
        nominations.decline(token)
    assert not Participant.objects.exists()


def test_unknown_token_is_404(client):
    assert client.get(reverse("network:nomination_respond", args=["nope"])).status_code == 404


def test_decline_shares_nothing_and_closes_the_link(client, world):
    _n, token = _nominate(world)
    url = reverse("network:nomination_respond", args=[token])
    assert client.post(url, {"decline": "1"}).status_code == 200
    assert Nomination.objects.get().status == "declined" and not Participant.objects.exists()
    assert client.get(url).status_code == 410


def test_employer_sees_only_the_status_including_the_plan_state(client, world):
    nomination, token = _nominate(world)
    nominations.consent(
        token,
        birth_date=datetime.date(1990, 1, 1),
        postcode="7511AB",
        municipality=world.enschede,
        education_level="mbo2",
        consent_purpose="x",
        privacy_version="1",
    )
    nomination.refresh_from_db()
    world.plan(participant=nomination.participant)
    client.force_login(world.staff)
    html = client.get(reverse("network:nominations", args=[world.employer.pk])).content.decode()
    assert "Fatima Yilmaz" in html
    assert ("In plan" in html) or ("In plan" in html) or ("In een plan" in html)
    assert "7511" not in html and "1990" not in html and "Wil de zorg in" not in html
    api = client.get(f"/api/v1/employers/{world.employer.pk}/nominations").json()
    row = api["nominations"][0]
    assert row["status"] == "consented" and row["name"] == "Fatima Yilmaz"
    assert "postcode" not in row and "birth_date" not in row and "participant" not in row


def test_one_employer_never_reaches_anothers_nominations(client, world):
    _nominate(world)
    client.force_login(world.other_staff)
    for url in (
        reverse("network:nominations", args=[world.employer.pk]),
        reverse("network:nominate", args=[world.employer.pk]),
        f"/api/v1/employers/{world.employer.pk}/nominations",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Fatima" not in response.content
    assert (
        client.post(
            reverse("network:nominate", args=[world.employer.pk]), {"given_name": "X"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("role", list(Role.values))
def test_role_against_the_nomination_pages(client, world, role):
    user = world.staff if role == Role.EMPLOYER_STAFF else user_with_role(role)
    client.force_login(user)
    allowed = role in (Role.EMPLOYER_STAFF, Role.FUND_OFFICER, Role.ADMINISTRATOR)
    for url in (
        reverse("network:nominations", args=[world.employer.pk]),
        reverse("network:nominate", args=[world.employer.pk]),
    ):
        status = client.get(url).status_code
        assert (status == 200) == allowed, (role, url, status)


def test_bad_nomination_input_is_named_per_field_and_nothing_is_written(client, world):
    client.force_login(world.staff)
    response = _post_nomination(
        client,
        world,
        email="nope",
        hours_now="0",
        extra_hours_offer="99",
        target_occupation=world.clerk.pk,
        co_financing="veel",
        given_name="",
    )
    html = response.content.decode()
    assert response.status_code == 200
    for field in (
        "email",
        "hours_now",
        "extra_hours_offer",
        "target_occupation",
        "co_financing",
        "given_name",
    ):
        assert f'id="id_{field}_error"' in html, field
    assert not Nomination.objects.exists() and not mail.outbox


def test_bad_consent_input_writes_nothing(client, world):
    _n, token = _nominate(world)
    url = reverse("network:nomination_respond", args=[token])
    response = client.post(
        url,
        {
            "birth_date": "gisteren",
            "postcode": "12",
            "consent": "on",
            "education_level": "x",
            "municipality": "999999",
        },
    )
    html = response.content.decode()
    for field in ("birth_date", "postcode", "education_level", "municipality"):
        assert f'id="id_{field}_error"' in html, field
    assert not Participant.objects.exists() and Nomination.objects.get().status == "invited"


def test_route_preview_is_absent_without_the_engine(world):
    assert nominations.route_preview("schoonmaker", world.nurse) is None


def test_more_hours_and_nt2_show_under_the_routes(client, world):
    nomination, token = _nominate(world, work_situation="status_holder")
    nominations.consent(
        token,
        birth_date=datetime.date(1990, 1, 1),
        postcode="7511AB",
        municipality=world.enschede,
        education_level="mbo2",
        consent_purpose="x",
        privacy_version="1",
    )
    participant = Participant.objects.get()
    assert participant.work_situation == "status_holder"
    ParticipantProfile.objects.create(participant=participant, nt2_level="A2")
    client.force_login(world.advisor)
    url = reverse("network:route_extras", args=[participant.pk])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "12" in html and "Zorg BV" in html
    assert "B1" in html and "A2" in html and "NT2" in html
    # the detail page carries the include
    detail = client.get(reverse("people:detail", args=[participant.pk])).content.decode()
    assert url in detail


def test_nt2_table():
    assert vacancies.required_nt2(None, "zorg") == "B1"
    assert vacancies.required_nt2(None, "techniek") == "A2"
    assert vacancies.required_nt2(None, "") == "B1"
    assert vacancies.below("A2", "B1") and not vacancies.below("B2", "B1")
    assert not vacancies.below("", "B1")


def test_advisor_records_nt2_and_others_cannot(client, world):
    participant = world.participant()
    url = reverse("network:language_profile", args=[participant.pk])
    client.force_login(world.staff)
    assert client.get(url).status_code == 403 or client.get(url).status_code == 404
    client.force_login(world.advisor)
    assert client.post(url, {"nt2_level": "A1"}).status_code == 302
    assert ParticipantProfile.objects.get(participant=participant).nt2_level == "A1"
    assert client.post(url, {"nt2_level": "Z9"}).status_code == 200


def test_employer_records_whether_the_employee_stayed_and_got_more_hours(client, world):
    nomination, _token_value = _nominate(world)
    client.force_login(world.staff)
    url = reverse("network:nomination_outcome", args=[nomination.pk])
    answer = {"stayed_on": "yes", "got_more_hours": "no"}
    response = client.post(url, answer)  # not consented yet: refused, field-free message
    assert response.status_code == 200 and "ingestemd" in response.content.decode()
    Nomination.objects.filter(pk=nomination.pk).update(
        status="consented", responded_at=timezone.now()
    )
    assert client.post(url, {"stayed_on": "maybe"}).status_code == 200
    assert Nomination.objects.get().outcome_recorded_at is None
    assert client.post(url, answer).status_code == 302
    nomination.refresh_from_db()
    assert (nomination.stayed_on, nomination.got_more_hours) == (True, False)
    assert timezone.localdate(nomination.outcome_recorded_at) == timezone.localdate()
    page = client.get(reverse("network:nominations", args=[world.employer.pk])).content.decode()
    assert "no more hours" in page or "geen extra uren" in page
    # another employer's staff: 404
    client.force_login(world.other_staff)
    assert client.get(url).status_code == 404
    assert client.post(url, {"stayed_on": "no", "got_more_hours": "no"}).status_code == 404
    assert Nomination.objects.get().stayed_on is True


def test_a_renamed_employer_keeps_its_co_financing_stream(client, world):
    from vakmanschap.nominations.services import employer_period

    first = employer_period(world.employer)
    world.employer.name = "Zorg & Welzijn BV"
    world.employer.save()
    assert employer_period(world.employer) == first
    assert FundingStream.objects.filter(funder_kind=FunderKind.EMPLOYERS).count() == 1
