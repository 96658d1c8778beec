"""The conversation invitation: an e-mail in the participant's language with the date, time and
place in local time, and an iCalendar attachment (RFC 5545, iTIP methods of RFC 5546).

One conversation is one calendar event: its UID never changes, and each change the participant
is sent raises `invitation_sequence`, so a calendar replaces the earlier invitation (REQUEST) or
removes it (CANCEL) instead of adding a second one."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vakmanschap.core.presentation import format_day

from .models import CareerConversation

#: How long the calendar reserves for a conversation ("about an hour", says how it works).
DURATION = datetime.timedelta(hours=1)

NEW, UPDATE, CANCEL = "new", "update", "cancel"
SUBJECTS = {
    NEW: gettext_noop("Invitation: career conversation on %(day)s"),
    UPDATE: gettext_noop("Changed: career conversation on %(day)s"),
    CANCEL: gettext_noop("Cancelled: career conversation on %(day)s"),
}
METHODS = {NEW: "REQUEST", UPDATE: "REQUEST", CANCEL: "CANCEL"}


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str


def recipient_of(conversation: CareerConversation) -> Recipient | None:
    """The participant's account address in its language, else the address on the sign-up."""
    participant = conversation.participant
    if participant.anonymised_at is not None:
        return None
    user = participant.user
    if user is not None and user.is_active and user.email:
        return Recipient(user.email, user.preferred_language or "nl")
    return Recipient(participant.email, "nl") if participant.email else None


def uid_of(conversation: CareerConversation) -> str:
    host = urlsplit(settings.VAKMANSCHAP_BASE_URL).hostname or "vakmanschap.invalid"
    return f"conversation-{conversation.pk}@{host}"


def calendar_for(conversation: CareerConversation, kind: str, recipient: Recipient) -> bytes:
    """The .ics: one VEVENT in local time (TZID Europe/Amsterdam with its VTIMEZONE)."""
    start = timezone.localtime(conversation.scheduled_at)
    advisor = conversation.advisor
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Vakmanschap//Career conversation//NL")
    calendar.add("version", "2.0")
    calendar.add("method", METHODS[kind])
    event = icalendar.Event()
    event.add("uid", uid_of(conversation))
    event.add("sequence", conversation.invitation_sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + DURATION)
    event.add("summary", _("Career conversation"))
    if conversation.location:
        event.add("location", conversation.location)
    event.add("status", "CANCELLED" if kind == CANCEL else "CONFIRMED")
    organizer = icalendar.vCalAddress(f"mailto:{advisor.email}")
    organizer.params["cn"] = icalendar.vText(advisor.full_name or advisor.email)
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{recipient.email}")
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    attendee.params["rsvp"] = icalendar.vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def message_for(conversation: CareerConversation, kind: str) -> EmailMessage | None:
    recipient = recipient_of(conversation)
    if recipient is None:
        return None
    with translation.override(recipient.language):
        start = timezone.localtime(conversation.scheduled_at)
        context = {
            "conversation": conversation,
            "kind": kind,
            "day": format_day(start),
            "time": start.strftime("%H:%M"),
            "location": conversation.location,
            "advisor": conversation.advisor.full_name or conversation.advisor.email,
            "fund_name": settings.FUND_NAME,
            "my_page": settings.VAKMANSCHAP_BASE_URL.rstrip("/") + reverse("people:mine"),
        }
        subject = _(SUBJECTS[kind]) % {"day": context["day"]}
        body = render_to_string("guidance/email/invitation.txt", context)
        filename = _("career-conversation") + ".ics"
        ics = calendar_for(conversation, kind, recipient)
    message = EmailMessage(subject=subject, body=body, to=[recipient.email])
    message.attach(filename, ics, f"text/calendar; method={METHODS[kind]}; charset=UTF-8")
    return message
