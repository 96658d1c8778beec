"""Password-free sign-up: the confirmation e-mail's single-use link logs the resident in, and
the sign-up never says whether an address is registered."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory, user_with_role
from tests.people.test_sign_up_and_triage import SIGN_UP, log_in_by_mailed_link
from vakmanschap.accounts import login_links
from vakmanschap.accounts.models import LoginLink, User
from vakmanschap.accounts.roles import Role
from vakmanschap.people.digid import SIGN_UP_IDENTITY
from vakmanschap.people.identity import identity_key
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(db):
    return {**SIGN_UP, "municipality": MunicipalityFactory().pk}


def _link_path(message):
    return re.search(r"https?://[^/\s]+(/account/login/link/[^?\s]+)", message.body).group(1)


def test_the_link_logs_in_once_and_only_its_hash_is_stored(client, form, mailoutbox):
    client.post(reverse("people:sign_up"), form)
    (message,) = mailoutbox
    assert message.to == ["fatima@example.org"] and message.subject == "Bevestig uw aanmelding"
    path = _link_path(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    stored = LoginLink.objects.get()
    assert token not in stored.token_hash and len(stored.token_hash) == 64

    page = log_in_by_mailed_link(client, message)
    assert page.redirect_chain[-1][0] == reverse("people:mine")
    assert 'data-step="conversation" data-state="now"' in page.content.decode()

    client.logout()
    again = client.post(path, {"next": reverse("people:mine")})
    assert again.status_code == 404  # used up
    assert "_auth_user_id" not in client.session


def test_opening_the_link_does_not_use_it(client, form, mailoutbox):
    client.post(reverse("people:sign_up"), form)
    path = _link_path(mailoutbox[0])
    assert client.get(path).status_code == 200  # e.g. a mail scanner
    assert client.get(path).status_code == 200
    assert LoginLink.objects.get().used_at is None
    assert "_auth_user_id" not in client.session


def test_an_expired_or_made_up_link_logs_nobody_in(client, form, mailoutbox):
    client.post(reverse("people:sign_up"), form)
    path = _link_path(mailoutbox[0])
    LoginLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.post(path).status_code == 404
    assert client.get(path).status_code == 404
    assert client.post(reverse("accounts:login_link", args=["x" * 43])).status_code == 404
    assert "_auth_user_id" not in client.session


def test_a_staff_account_cannot_be_opened_by_a_link(client):
    advisor = user_with_role(Role.ADVISOR)
    token = login_links.issue(advisor)
    assert client.post(reverse("accounts:login_link", args=[token])).status_code == 404
    assert "_auth_user_id" not in client.session


def test_a_registered_address_gets_the_same_page_and_its_owner_an_email(client, form, mailoutbox):
    first = client.post(reverse("people:sign_up"), form)
    second = client.post(reverse("people:sign_up"), {**form, "email": "FATIMA@example.org"})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("people:sign_up_sent")
    assert Participant.objects.count() == 1 and User.objects.count() == 1
    notice = mailoutbox[1]
    assert notice.subject == "Iemand probeerde zich aan te melden met uw e-mailadres"
    assert "al een account" in notice.body
    # A resident without a password gets back in with the fresh link in the notice.
    assert log_in_by_mailed_link(client, notice).redirect_chain[-1][0] == reverse("people:mine")


def test_a_staff_address_gets_no_link_in_the_notice(client, form, mailoutbox):
    advisor = user_with_role(Role.ADVISOR)
    client.post(reverse("people:sign_up"), {**form, "email": advisor.email})
    (notice,) = mailoutbox
    assert "/account/login/link/" not in notice.body
    assert reverse("accounts:password_reset") in notice.body
    assert not Participant.objects.exists()


def test_the_email_is_in_the_language_of_the_sign_up(client, form, mailoutbox):
    client.post(reverse("people:sign_up"), form)
    client.post(reverse("core:set_language"), {"language": "en"})
    client.post(reverse("people:sign_up"), {**form, "email": "sanne@example.org"})
    assert [m.subject for m in mailoutbox] == ["Bevestig uw aanmelding", "Confirm your sign-up"]
    assert "It works once" in mailoutbox[1].body
    assert User.objects.get(email="sanne@example.org").preferred_language == "en"


def test_a_resident_sets_a_password_later_and_logs_in_with_it(client, form, mailoutbox):
    client.post(reverse("people:sign_up"), form)
    log_in_by_mailed_link(client, mailoutbox[0])
    page = client.get(reverse("accounts:set_password"))
    assert "old_password" not in page.context["form"].fields
    bad = client.post(
        reverse("accounts:set_password"), {"new_password1": "kort", "new_password2": "kort"}
    )
    assert bad.status_code == 200 and bad.context["form"].errors["new_password2"]
    done = client.post(
        reverse("accounts:set_password"),
        {"new_password1": "Een-goed-wachtwoord-42", "new_password2": "Een-goed-wachtwoord-42"},
    )
    assert done.status_code == 302
    client.logout()
    login = client.post(
        reverse("accounts:login"),
        {"username": "fatima@example.org", "password": "Een-goed-wachtwoord-42"},
    )
    assert login.status_code == 302 and "_auth_user_id" in client.session


def test_after_digid_the_sign_up_logs_in_at_once_and_binds_the_bsn(client, form, mailoutbox):
    key = identity_key("111222333")
    session = client.session
    session[SIGN_UP_IDENTITY] = key
    session.save()
    answer = client.post(reverse("people:sign_up"), form)
    assert answer["Location"] == reverse("people:mine")
    assert "_auth_user_id" in client.session and SIGN_UP_IDENTITY not in client.session
    assert Participant.objects.get().identity_key == key
    assert mailoutbox[0].subject == "Bevestig uw aanmelding"  # the address is still confirmed
