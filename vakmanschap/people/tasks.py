"""The sign-up's e-mails, made and sent by the background worker (`vakmanschap db_worker`).

The request only enqueues a task (one row, in the sign-up's own transaction, so a refused
sign-up sends nothing); the login token is made here, so it is never stored in plain text."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from vakmanschap.accounts import login_links
from vakmanschap.accounts.models import User


def _login_link(user: User) -> str:
    base = getattr(settings, "VAKMANSCHAP_BASE_URL", "http://localhost:8000").rstrip("/")
    path = reverse("accounts:login_link", args=[login_links.issue(user)])
    return f"{base}{path}?{urlencode({'next': reverse('people:mine')})}"


def _send(user: User, subject: str, template: str, context: dict) -> int:
    with translation.override(user.preferred_language or "nl"):
        body = render_to_string(
            template,
            {
                **context,
                "user": user,
                "fund_name": settings.FUND_NAME,
                "valid_days": login_links.VALID_FOR.days,
            },
        )
        subject = _(subject)
    return send_mail(subject, body, None, [user.email])


@task()
def send_sign_up_link(user_id: int) -> int:
    """To a new resident: the single-use link that logs them in."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    return _send(
        user,
        gettext_noop("Confirm your sign-up"),
        "people/email/sign_up_link.txt",
        {"link": _login_link(user)},
    )


@task()
def send_already_registered(email: str) -> int:
    """To the owner of an address someone tried to sign up with again. The sign-up page looked
    the same either way; only this e-mail says that the account exists. A resident without a
    password gets a fresh login link; staff are sent to the login page."""
    user = User.objects.filter(email=email.lower(), is_active=True).first()
    if user is None:
        return 0
    base = getattr(settings, "VAKMANSCHAP_BASE_URL", "http://localhost:8000").rstrip("/")
    link = _login_link(user) if login_links.may_use_login_links(user) else ""
    return _send(
        user,
        gettext_noop("Someone tried to sign up with your e-mail address"),
        "people/email/already_registered.txt",
        {
            "link": link,
            "login_url": base + reverse("accounts:login"),
            "reset_url": base + reverse("accounts:password_reset"),
        },
    )
