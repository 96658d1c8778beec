"""The second factor everywhere: outside demo mode a staff role gets no API token with a password
alone; tokens are scoped and expire, and die with a password change or a deactivation."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tests.factories import PASSWORD, user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.api.models import ApiToken

pytestmark = pytest.mark.django_db

STAFF = [Role.FUND_OFFICER, Role.ADVISOR, Role.PROVIDER_STAFF, Role.ADMINISTRATOR]


@pytest.fixture
def two_factor(settings):
    settings.TWO_FACTOR_REQUIRED = True  # as outside demo mode


def current_code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def with_device(role):
    user = user_with_role(role)
    return user, TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def ask(body, **extra):
    return APIClient().post("/api/v1/auth/token", body, format="json", **extra)


@pytest.mark.parametrize("role", STAFF)
def test_the_old_bypass_fails_a_password_alone_gives_staff_no_token(two_factor, role):
    user, _device = with_device(role)
    response = ask({"email": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "required"
    assert "tweede factor" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_staff_with_the_current_code_get_a_token_that_works(two_factor):
    user, device = with_device(Role.FUND_OFFICER)
    body = {"email": user.email, "password": PASSWORD, "otp": current_code(device)}
    response = ask(body)
    assert response.status_code == 201
    assert response.json()["scope"] == "write" and response.json()["expires_at"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    assert api.get("/api/v1/me").status_code == 200


def test_a_wrong_code_or_no_device_gives_no_token(two_factor):
    user, device = with_device(Role.PROVIDER_STAFF)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = ask({"email": user.email, "password": PASSWORD, "otp": wrong})
    assert response.status_code == 401 and response.json()["code"] == "invalid"
    newcomer = user_with_role(Role.ADVISOR)
    response = ask({"email": newcomer.email, "password": PASSWORD, "otp": "123456"})
    assert response.status_code == 403 and response.json()["code"] == "not_set_up"
    assert not ApiToken.objects.exists()


def test_participants_log_in_with_a_password_as_on_the_web(two_factor):
    user = user_with_role(Role.PARTICIPANT)
    assert ask({"email": user.email, "password": PASSWORD}).status_code == 201


def test_a_staff_token_issued_without_the_second_factor_stops_working(settings):
    settings.TWO_FACTOR_REQUIRED = False  # demo mode
    user = user_with_role(Role.FUND_OFFICER)
    token = ask({"email": user.email, "password": PASSWORD}).json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/me").status_code == 200
    settings.TWO_FACTOR_REQUIRED = True
    assert api.get("/api/v1/me").status_code == 401


def test_a_read_token_cannot_write():
    user = user_with_role(Role.FUND_OFFICER)
    response = ask({"email": user.email, "password": PASSWORD, "scope": "read"})
    assert response.json()["scope"] == "read"
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    assert api.get("/api/v1/me").status_code == 200
    refused = api.post("/api/v1/plans", {}, format="json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert "scope 'write'" in refused.json()["detail"]


def test_a_password_change_revokes_the_tokens():
    user = user_with_role(Role.PARTICIPANT)
    other = user_with_role(Role.PARTICIPANT)
    ApiToken.issue(user)
    ApiToken.issue(other)
    user.set_password("een-heel-nieuw-wachtwoord")
    user.save()
    assert not ApiToken.objects.filter(user=user).exists()
    assert ApiToken.objects.filter(user=other).exists()


def test_deactivation_revokes_the_tokens_and_a_login_does_not():
    user = user_with_role(Role.PARTICIPANT)
    ApiToken.issue(user)
    user.last_login = None
    user.save(update_fields=["last_login"])
    user.full_name = "Anders"
    user.save()
    assert ApiToken.objects.filter(user=user).exists()
    user.is_active = False
    user.save()
    assert not ApiToken.objects.filter(user=user).exists()


def test_a_password_reset_on_the_website_revokes_the_tokens(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = user_with_role(Role.PARTICIPANT)
    ApiToken.issue(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    form = client.get(f"/account/password-reset/{uid}/{default_token_generator.make_token(user)}/")
    new = "een-heel-nieuw-wachtwoord-2026"
    response = client.post(form.url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert not ApiToken.objects.filter(user=user).exists()
