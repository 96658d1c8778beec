"""The conversation invitation: one e-mail per change, in the participant's language, with an
.ics that calendars read as one event (same UID; REQUEST, a higher SEQUENCE, then CANCEL)."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.funding.conftest import FundWorld
from vakmanschap.core.presentation import format_day
from vakmanschap.guidance import services, tasks
from vakmanschap.guidance.models import CareerConversation

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def local_moment(days_ahead: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def calendar_of(message) -> tuple[icalendar.Calendar, icalendar.Event]:
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar; method=")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert mimetype.split("method=")[1].split(";")[0] == calendar["METHOD"]
    return calendar, event


@pytest.fixture
def fund():
    return FundWorld(allocated=0)


def test_scheduling_sends_one_dutch_invitation_with_a_calendar_in_local_time(fund, mailoutbox):
    person = fund.participant(email="sanne@example.org")
    start = local_moment(10, 14, 30)
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=start, location="Leerwerkloket, Enschede"
    )

    (message,) = mailoutbox
    assert message.to == ["sanne@example.org"]
    day = format_day(start, "nl")
    assert message.subject == f"Uitnodiging: loopbaangesprek op {day}"
    assert f"Datum: {day}" in message.body and "Tijdstip: 14:30" in message.body
    assert "Plaats: Leerwerkloket, Enschede" in message.body
    calendar, event = calendar_of(message)
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == f"conversation-{conversation.pk}@localhost"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    dtstart = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert (dtstart.hour, dtstart.minute) == (14, 30)
    assert dtstart.astimezone(datetime.UTC) == start.astimezone(datetime.UTC)
    assert event.decoded("DTEND") - dtstart == datetime.timedelta(hours=1)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(event["LOCATION"]) == "Leerwerkloket, Enschede"
    assert str(event["ATTENDEE"]) == "mailto:sanne@example.org"


def test_the_invitation_speaks_the_participants_language(fund, mailoutbox):
    person = fund.participant(email="")
    person.user = UserFactory(email="sanne.en@example.org", preferred_language="en")
    person.save(update_fields=["user"])
    start = local_moment(12, 9)
    services.schedule(person, advisor=fund.advisor, scheduled_at=start, location="")

    (message,) = mailoutbox
    assert message.to == ["sanne.en@example.org"]
    day = format_day(start, "en")
    assert message.subject == f"Invitation: career conversation on {day}"
    assert f"Date: {day}" in message.body and "Time: 09:00" in message.body
    assert "Place: your advisor will let you know" in message.body
    _, event = calendar_of(message)
    assert str(event["SUMMARY"]) == "Career conversation" and "LOCATION" not in event


def test_moving_the_conversation_updates_the_same_event_with_a_higher_sequence(fund, mailoutbox):
    person = fund.participant()
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=local_moment(10, 14), location="Enschede"
    )
    _, first = calendar_of(mailoutbox[0])
    later = local_moment(11, 10, 15)
    services.reschedule(conversation, by=fund.advisor, scheduled_at=later, location="Hengelo")

    assert len(mailoutbox) == 2
    message = mailoutbox[1]
    assert message.subject.startswith("Gewijzigd: loopbaangesprek op ")
    assert "Tijdstip: 10:15" in message.body and "Plaats: Hengelo" in message.body
    calendar, event = calendar_of(message)
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == first["UID"] and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").astimezone(datetime.UTC) == later.astimezone(datetime.UTC)

    # The same date, time and place again is no change: nothing is sent.
    services.reschedule(conversation, by=fund.advisor, scheduled_at=later, location="Hengelo")
    assert len(mailoutbox) == 2


def test_cancelling_sends_a_cancel_for_the_same_event(fund, mailoutbox):
    person = fund.participant()
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=local_moment(10, 14), location="Enschede"
    )
    services.reschedule(
        conversation, by=fund.advisor, scheduled_at=local_moment(10, 15), location="Enschede"
    )
    services.cancel(conversation, by=fund.advisor, reason="Ziek")

    assert len(mailoutbox) == 3
    message = mailoutbox[2]
    assert message.subject.startswith("Afgezegd: loopbaangesprek op ")
    calendar, event = calendar_of(message)
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 2
    assert event["UID"] == f"conversation-{conversation.pk}@localhost"
    with pytest.raises(ValidationError):
        services.reschedule(
            conversation, by=fund.advisor, scheduled_at=local_moment(12, 9), location=""
        )
    assert len(mailoutbox) == 3


def test_a_refused_change_sends_nothing_and_an_overtaken_invitation_is_not_sent(fund, mailoutbox):
    person = fund.participant()
    with pytest.raises(ValidationError):
        services.schedule(
            person, advisor=fund.advisor, scheduled_at=local_moment(10, 14), location="x" * 201
        )
    assert mailoutbox == [] and not CareerConversation.objects.exists()

    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=local_moment(10, 14), location=""
    )
    services.reschedule(
        conversation, by=fund.advisor, scheduled_at=local_moment(10, 16), location=""
    )
    assert len(mailoutbox) == 2
    # A worker that picks up the first invitation only now sends nothing: it is out of date.
    assert tasks.send_invitation.call(conversation.pk, "new", 0) == 0
    assert len(mailoutbox) == 2


def test_no_invitation_without_an_address_or_for_a_conversation_already_begun(fund, mailoutbox):
    services.schedule(
        fund.participant(email=""), advisor=fund.advisor, scheduled_at=local_moment(10, 14)
    )
    recorded_afterwards = timezone.now() - datetime.timedelta(minutes=5)
    services.schedule(
        fund.participant(email="later@example.org", given_name="Ahmed", family_name="Yilmaz"),
        advisor=fund.advisor,
        scheduled_at=recorded_afterwards,
    )
    assert mailoutbox == []


def test_the_advisor_moves_a_conversation_on_its_page_and_the_participant_is_told(
    client, fund, mailoutbox
):
    conversation = services.schedule(
        fund.participant(), advisor=fund.advisor, scheduled_at=local_moment(10, 14)
    )
    detail = reverse("guidance:detail", args=[conversation.pk])
    move = reverse("guidance:reschedule", args=[conversation.pk])
    client.force_login(fund.advisor)
    assert f'href="{move}"' in client.get(detail, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    later = local_moment(14, 11)
    answer = {"scheduled_at": later.strftime("%Y-%m-%dT%H:%M"), "location": "Werkplein Hengelo"}
    response = client.post(move, answer)
    assert response.status_code == 302 and response["Location"] == detail
    conversation.refresh_from_db()
    assert conversation.scheduled_at == later and conversation.location == "Werkplein Hengelo"
    assert conversation.invitation_sequence == 1
    _, event = calendar_of(mailoutbox[-1])
    assert len(mailoutbox) == 2 and event["SEQUENCE"] == 1


def test_moving_into_the_past_is_refused_naming_the_field_and_changes_nothing(
    client, fund, mailoutbox
):
    conversation = services.schedule(
        fund.participant(), advisor=fund.advisor, scheduled_at=local_moment(10, 14)
    )
    client.force_login(fund.advisor)
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("guidance:reschedule", args=[conversation.pk]),
        {"scheduled_at": past, "location": ""},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["scheduled_at"] == ["Kies een moment in de toekomst."]
    conversation.refresh_from_db()
    assert conversation.invitation_sequence == 0 and len(mailoutbox) == 1


def test_another_organisations_advisor_cannot_move_the_conversation(client, fund, mailoutbox):
    conversation = services.schedule(
        fund.participant(), advisor=fund.advisor, scheduled_at=local_moment(10, 14)
    )
    move = reverse("guidance:reschedule", args=[conversation.pk])
    client.force_login(fund.other_advisor)
    assert client.get(move).status_code == 404
    answer = {"scheduled_at": local_moment(12, 9).strftime("%Y-%m-%dT%H:%M"), "location": ""}
    assert client.post(move, answer).status_code == 404
    conversation.refresh_from_db()
    assert conversation.invitation_sequence == 0 and len(mailoutbox) == 1


def test_a_cancelled_conversation_cannot_be_moved(client, fund, mailoutbox):
    conversation = services.schedule(
        fund.participant(), advisor=fund.advisor, scheduled_at=local_moment(10, 14)
    )
    services.cancel(conversation, by=fund.advisor)
    client.force_login(fund.advisor)
    answer = {"scheduled_at": local_moment(12, 9).strftime("%Y-%m-%dT%H:%M"), "location": ""}
    response = client.post(reverse("guidance:reschedule", args=[conversation.pk]), answer)
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.state == "cancelled" and conversation.invitation_sequence == 1
    assert len(mailoutbox) == 2
