"""Background work (django-tasks, database backend; run `vakmanschap db_worker`)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(subject: str, body: str, to: list[str], html_body: str | None = None) -> int:
    """Send one e-mail outside the request, so a slow mail server never slows a page."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
