import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory, user_with_role
from vakmanschap.accounts.models import User
from vakmanschap.accounts.roles import Role

LOGIN = reverse("accounts:login")


def login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


@pytest.mark.django_db
def test_login_by_email_is_case_insensitive(client):
    user_with_role(Role.PARTICIPANT, email="sanne@example.org")
    response = login(client, "Sanne@Example.org")
    assert response.status_code == 302
    assert response.url == reverse("ui:start")


@pytest.mark.django_db
def test_wrong_password_shows_a_clear_message_in_dutch(client):
    UserFactory(email="a@example.org")
    response = login(client, "a@example.org", "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "e-mailadres en wachtwoord" in response.content.decode()


@pytest.mark.django_db
def test_bad_email_input_is_a_field_error(client):
    response = login(client, "not-an-email", "x")
    assert response.status_code == 200
    assert response.context["form"].errors["username"]


@pytest.mark.django_db
def test_demo_accounts_refuse_to_exist_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(ValidationError):
        User.objects.create_user("adviseur@demo.local", "demo")
    assert not User.objects.filter(email="adviseur@demo.local").exists()


@pytest.mark.django_db
def test_existing_demo_account_cannot_log_in_outside_demo_mode(client, settings):
    settings.DEMO_MODE = True
    User.objects.create_user("adviseur@demo.local", "demo")
    settings.DEMO_MODE = False
    assert login(client, "adviseur@demo.local", "demo").status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled(client, settings):
    UserFactory(email="b@example.org")
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        login(client, "b@example.org", "wrong")
    response = login(client, "b@example.org", PASSWORD)  # right password, but locked out
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email(client):
    UserFactory(email="c@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "c@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/password-reset/\S+/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Nieuw-wachtwoord-42", "new_password2": "Nieuw-wachtwoord-42"}
    )
    assert response.status_code == 302
    assert User.objects.get(email="c@example.org").check_password("Nieuw-wachtwoord-42")


@pytest.mark.django_db
def test_password_reset_does_not_reveal_unknown_addresses(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def _on(self, settings):
        settings.TWO_FACTOR_REQUIRED = True

    def test_staff_role_must_set_up_totp_before_anything_else(self, client):
        user_with_role(Role.FUND_OFFICER, email="fo@example.org")
        login(client, "fo@example.org")
        response = client.get(reverse("ui:start"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:two_factor_setup"))

    def test_setup_with_a_real_totp_code_lets_the_user_in(self, client):
        user = user_with_role(Role.ADVISOR, email="adv@example.org")
        login(client, "adv@example.org")
        client.get(reverse("accounts:two_factor_setup"))
        device = TOTPDevice.objects.get(user=user)
        wrong = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})
        assert wrong.status_code == 200 and wrong.context["form"].errors["token"]
        device.refresh_from_db()
        assert device.throttling_failure_count == 1  # django-otp slows down guessing
        device.throttle_reset()
        token = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
        response = client.post(reverse("accounts:two_factor_setup"), {"token": token})
        assert response.status_code == 302
        assert client.get(reverse("ui:start")).status_code == 200

    def test_second_login_asks_for_the_code(self, client):
        user = user_with_role(Role.PROVIDER_STAFF, email="ps@example.org")
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        login(client, "ps@example.org")
        response = client.get(reverse("catalogue:list"))
        assert response.url.startswith(reverse("accounts:two_factor_verify"))
        token = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
        response = client.post(
            reverse("accounts:two_factor_verify") + "?next=/catalogue/", {"token": token}
        )
        assert response.status_code == 302 and response.url == "/catalogue/"

    def test_participants_do_not_need_a_second_factor(self, client):
        user_with_role(Role.PARTICIPANT, email="p@example.org")
        login(client, "p@example.org")
        assert client.get(reverse("ui:start")).status_code == 200
