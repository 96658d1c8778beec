"""Employers, staff invitations and the iKBiNDR pledge."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory, user_with_role
from tests.scan.helpers import make_employer, make_staff
from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import Role
from vakmanschap.network import services
from vakmanschap.network.models import EmployerProfile, NetworkMembership, StaffInvitation
from vakmanschap.organisations.models import Organisation

pytestmark = pytest.mark.django_db

ALL_ROLES = list(Role.values)
PASSWORD = "een-lang-wachtwoord-42"


def _token_from_mail(message) -> str:
    return message.body.split("/network/invitation/")[1].split("/")[0]


def _register(client, **overrides):
    municipality = MunicipalityFactory()
    data = {
        "name": "Bakkerij Twente",
        "kvk_number": "12345678",
        "municipality": municipality.pk,
        "sector": "C",
        "size_class": "10-49",
        "first_staff_email": "Eigenaar@Example.org",
    } | overrides
    return client.post(reverse("network:register"), data)


def test_the_fund_registers_an_employer_and_invites_its_first_staff_member(client):
    client.force_login(user_with_role(Role.FUND_OFFICER))
    response = _register(client)
    organisation = Organisation.objects.get(kvk_number="12345678")
    assert response.status_code == 302
    assert organisation.kind == "employer" and organisation.municipality.name == "Enschede"
    assert organisation.employer_profile.sector == "C"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["eigenaar@example.org"]
    token = _token_from_mail(mail.outbox[0])
    invitation = StaffInvitation.objects.get(organisation=organisation)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(StaffInvitation.objects.values_list())


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "", "12 345 678"])
def test_kvk_number_must_be_eight_digits(client, kvk):
    client.force_login(user_with_role(Role.FUND_OFFICER))
    response = _register(client, kvk_number=kvk)
    assert response.status_code == 200 and 'id="id_kvk_number_error"' in response.content.decode()
    assert not Organisation.objects.filter(kind="employer").exists()


def test_kvk_number_is_unique_across_organisations(client):
    make_employer(kvk_number="87654321", sector=None)
    client.force_login(user_with_role(Role.FUND_OFFICER))
    response = _register(client, kvk_number="87654321")
    assert response.status_code == 200 and 'id="id_kvk_number_error"' in response.content.decode()
    assert Organisation.objects.filter(kvk_number="87654321").count() == 1
    assert not mail.outbox


def test_bad_registration_input_is_named_per_field(client):
    client.force_login(user_with_role(Role.FUND_OFFICER))
    response = _register(client, sector="Z", size_class="huge", first_staff_email="nope", name="")
    html = response.content.decode()
    for field in ("sector", "size_class", "first_staff_email", "name"):
        assert f'id="id_{field}_error"' in html
    assert not EmployerProfile.objects.exists()


def test_invitee_creates_an_account_and_joins(client):
    organisation = make_employer(name="Bakkerij")
    _invitation, token = StaffInvitation.issue(organisation, "nieuw@example.org")
    url = reverse("network:accept_invitation", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"full_name": "Nieuwe Collega", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert Membership.objects.filter(
        user=user, organisation=organisation, role=Role.EMPLOYER_STAFF
    ).exists()
    assert client.get(reverse("network:employer_detail", args=[organisation.pk])).status_code == 200


def test_invitation_is_single_use(client):
    organisation = make_employer()
    _invitation, token = StaffInvitation.issue(organisation, "nieuw@example.org")
    url = reverse("network:accept_invitation", args=[token])
    client.post(url, {"full_name": "A", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    response = client.post(url, {"full_name": "B", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    with pytest.raises(services.InvitationError):
        services.accept_invitation(token, User.objects.get(email="nieuw@example.org"))
    assert User.objects.filter(email="nieuw@example.org").count() == 1


def test_expired_invitation_is_refused(client):
    organisation = make_employer()
    invitation, token = StaffInvitation.issue(organisation, "laat@example.org")
    StaffInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("network:accept_invitation", args=[token])
    assert client.get(url).status_code == 410
    assert (
        client.post(
            url, {"full_name": "L", "password1": PASSWORD, "password2": PASSWORD}
        ).status_code
        == 410
    )
    assert not User.objects.filter(email="laat@example.org").exists()


def test_unknown_token_is_404(client):
    assert client.get(reverse("network:accept_invitation", args=["not-a-token"])).status_code == 404


def test_invitation_for_someone_else(client):
    organisation = make_employer()
    _invitation, token = StaffInvitation.issue(organisation, "bedoeld@example.org")
    intruder = make_staff(make_employer())
    client.force_login(intruder)
    url = reverse("network:accept_invitation", args=[token])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Membership.objects.filter(user=intruder, organisation=organisation).exists()


def test_existing_account_logs_in_and_accepts(client):
    organisation = make_employer()
    existing = user_with_role(Role.PARTICIPANT, email="bestaand@example.org")
    _invitation, token = StaffInvitation.issue(organisation, "bestaand@example.org")
    url = reverse("network:accept_invitation", args=[token])
    assert reverse("accounts:login") in client.get(url).content.decode()
    client.force_login(existing)
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(
        user=existing, organisation=organisation, role=Role.EMPLOYER_STAFF
    ).exists()


def test_weak_password_is_refused(client):
    organisation = make_employer()
    _invitation, token = StaffInvitation.issue(organisation, "zwak@example.org")
    url = reverse("network:accept_invitation", args=[token])
    response = client.post(url, {"full_name": "Z", "password1": "12345", "password2": "12345"})
    assert response.status_code == 200 and 'id="id_password1_error"' in response.content.decode()
    assert StaffInvitation.objects.get().is_usable


def test_staff_invite_a_colleague(client):
    organisation = make_employer()
    client.force_login(make_staff(organisation))
    response = client.post(
        reverse("network:invite", args=[organisation.pk]), {"email": "collega@example.org"}
    )
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert StaffInvitation.objects.get().organisation == organisation


def test_pledge_renewal_and_public_listing(client):
    organisation = make_employer(name="Zichtbaar BV")
    hidden = make_employer(name="Verborgen BV")
    staff = make_staff(organisation)
    client.force_login(staff)
    url = reverse("network:membership", args=[organisation.pk])
    for empty in ({"public_listing": "on"}, {}):
        response = client.post(url, empty)
        assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not NetworkMembership.objects.exists()
    client.post(
        url, {"development_conversation": "on", "learning_budget": "on", "public_listing": "on"}
    )
    membership = NetworkMembership.objects.get(organisation=organisation)
    today = timezone.localdate()
    assert (
        membership.start_date == today
        and membership.renewal_date == NetworkMembership.one_year_after(today)
    )
    services.sign_pledge(
        hidden, commitments={"yearly_scan": True}, public_listing=False, signed_by=None
    )
    client.logout()
    page = client.get(reverse("network:public"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Zichtbaar BV" in html and "Verborgen BV" not in html
    assert "2 werkgevers" in html or "2 employers" in html
    assert "Elk jaar een ontwikkelgesprek met iedere medewerker" in html


def test_renewal_extends_by_a_year_from_the_renewal_date_or_from_today():
    organisation = make_employer()
    m = services.sign_pledge(
        organisation,
        commitments={"yearly_scan": True},
        public_listing=False,
        signed_by=None,
        start_date=datetime.date(2025, 3, 1),
    )
    m.renew(today=datetime.date(2026, 2, 20))
    assert m.renewal_date == datetime.date(2027, 3, 1)
    m.renew(today=datetime.date(2028, 6, 1))  # lapsed
    assert m.renewal_date == datetime.date(2029, 6, 1)


def test_renewal_reminders_go_once_per_renewal(settings):
    today = datetime.date(2026, 11, 30)
    due = make_employer(name="Bijna")
    staff = make_staff(due, email="staf@example.org")
    services.sign_pledge(
        due,
        commitments={"yearly_scan": True},
        public_listing=False,
        signed_by=staff,
        start_date=datetime.date(2025, 12, 20),
    )
    later = make_employer(name="Later")
    make_staff(later)
    services.sign_pledge(
        later,
        commitments={"yearly_scan": True},
        public_listing=False,
        signed_by=None,
        start_date=datetime.date(2026, 6, 1),
    )
    assert services.send_renewal_reminders(days=30, today=today) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["staf@example.org"]
    assert "/network/employers/" in mail.outbox[0].body
    assert services.send_renewal_reminders(days=30, today=today + datetime.timedelta(days=1)) == 0
    membership = NetworkMembership.objects.get(organisation=due)
    membership.renew(today)
    membership.save()
    assert services.send_renewal_reminders(days=30, today=datetime.date(2027, 11, 30)) == 1


def test_reminder_command_queues_each_due_reminder_once():
    today = timezone.localdate()
    due = make_employer(name="Bijna aan de beurt")
    make_staff(due, email="herinnering@example.org")
    services.sign_pledge(
        due, commitments={"yearly_scan": True}, public_listing=False, signed_by=None
    )
    NetworkMembership.objects.filter(organisation=due).update(
        renewal_date=today + datetime.timedelta(days=5)
    )
    later = make_employer(name="Nog lang niet")
    make_staff(later, email="later@example.org")
    services.sign_pledge(
        later, commitments={"yearly_scan": True}, public_listing=False, signed_by=None
    )
    out = StringIO()
    call_command("network_reminders", "--days", "10", stdout=out)
    assert out.getvalue().strip() == "1 renewal reminder(s) queued."
    assert [m.to for m in mail.outbox] == [["herinnering@example.org"]]
    call_command("network_reminders", "--days", "10", stdout=out)  # the next day's run
    assert len(mail.outbox) == 1


def test_one_employer_never_reaches_another(client):
    mine, theirs = make_employer(name="Eigen BV"), make_employer(name="Ander BV")
    services.sign_pledge(
        theirs, commitments={"yearly_scan": True}, public_listing=False, signed_by=None
    )
    make_staff(theirs, email="ander@example.org")
    client.force_login(make_staff(mine))
    for name in ("employer_detail", "employer_edit", "invite", "membership"):
        response = client.get(reverse(f"network:{name}", args=[theirs.pk]))
        assert response.status_code == 404, name
        assert "Ander BV" not in response.content.decode()
        assert "ander@example.org" not in response.content.decode()
    response = client.post(reverse("network:invite", args=[theirs.pk]), {"email": "x@example.org"})
    assert response.status_code == 404 and not StaffInvitation.objects.exists()
    listing = client.get(reverse("network:employer_list"), follow=True).content.decode()
    assert "Ander BV" not in listing and "Eigen BV" in listing


def test_staff_edit_their_profile_but_not_name_or_kvk(client):
    organisation = make_employer(name="Oud BV")
    client.force_login(make_staff(organisation))
    municipality = MunicipalityFactory(cbs_code="GM0164", name="Hengelo")
    response = client.post(
        reverse("network:employer_edit", args=[organisation.pk]),
        {
            "name": "Nieuw BV",
            "kvk_number": "99999999",
            "municipality": municipality.pk,
            "sector": "Q",
            "size_class": "250+",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Oud BV" and organisation.kvk_number != "99999999"
    assert organisation.municipality == municipality and organisation.employer_profile.sector == "Q"


def expected_pages(mine, theirs):
    fund = {Role.FUND_OFFICER, Role.ADMINISTRATOR}
    employer = {Role.EMPLOYER_STAFF}
    everyone = set(ALL_ROLES)
    return [
        (reverse("network:public"), everyone, set()),
        (reverse("network:employer_list"), fund | employer, set()),
        (reverse("network:register"), fund, set()),
        (reverse("network:employer_detail", args=[mine.pk]), fund | employer, set()),
        (reverse("network:employer_edit", args=[mine.pk]), fund | employer, set()),
        (reverse("network:invite", args=[mine.pk]), fund | employer, set()),
        (reverse("network:membership", args=[mine.pk]), fund | employer, set()),
        (reverse("network:employer_detail", args=[theirs.pk]), fund, employer),
        (reverse("network:employer_edit", args=[theirs.pk]), fund, employer),
        (reverse("network:membership", args=[theirs.pk]), fund, employer),
    ]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_every_network_page(client, role):
    mine, theirs = make_employer(name="Eigen BV"), make_employer(name="Ander BV")
    user = make_staff(mine) if role == Role.EMPLOYER_STAFF else user_with_role(role)
    client.force_login(user)
    for url, allowed, object_refused in expected_pages(mine, theirs):
        response = client.get(url)
        if role in allowed:
            assert response.status_code in (200, 302), (role, url)
        else:
            expected = 404 if role in object_refused else 403
            assert response.status_code == expected, (role, url, response.status_code)
            assert "Ander BV" not in response.content.decode()


def test_anonymous_sees_only_the_public_page(client):
    mine, theirs = make_employer(), make_employer()
    for url, allowed, _refused in expected_pages(mine, theirs):
        response = client.get(url)
        if allowed == set(ALL_ROLES):
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and response.url.startswith(
                reverse("accounts:login")
            )
