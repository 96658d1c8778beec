"""Text typed into a form has a length cap that matches its column (or the free-text cap for a
text column), dates a plausible range; too much gets a message naming the field and writes
nothing. The guidance pages run on PostgreSQL too, where an over-long location used to end
in a 500 (the column holds 200 characters)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.funding.conftest import FundWorld
from vakmanschap.catalogue.forms import CourseForm
from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS
from vakmanschap.delivery.forms import DropOutForm
from vakmanschap.followup.forms import FollowUpForm
from vakmanschap.guidance import services
from vakmanschap.guidance.models import CareerConversation, ConversationState
from vakmanschap.scan.forms import InviteEmployeesForm

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (FREE_TEXT_MAX_CHARS + 1)


def in_days(days: int) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def advisor_page(client):
    fund = FundWorld(allocated=0)
    person = fund.participant()
    client.force_login(fund.advisor)
    return fund, person, client


def test_an_appointment_location_longer_than_its_column_is_refused(advisor_page):
    fund, person, client = advisor_page
    url = reverse("guidance:schedule", args=[person.pk])
    response = client.post(url, {"scheduled_at": in_days(2), "location": "L" * 201})
    assert response.status_code == 200
    assert "location" in response.context["form"].errors
    assert not CareerConversation.objects.exists()
    response = client.post(url, {"scheduled_at": in_days(2), "location": "L" * 200})
    assert response.status_code == 302 and CareerConversation.objects.count() == 1


def test_an_appointment_more_than_ten_years_ahead_is_refused(advisor_page):
    fund, person, client = advisor_page
    url = reverse("guidance:schedule", args=[person.pk])
    for moment in (in_days(11 * 366), "9999-12-31T23:59"):
        response = client.post(url, {"scheduled_at": moment, "location": "Enschede"})
        assert response.status_code == 200
        assert "binnen 10 jaar" in str(response.context["form"].errors["scheduled_at"])
    assert not CareerConversation.objects.exists()


def test_conversation_notes_over_the_cap_are_refused_and_nothing_is_written(advisor_page):
    fund, person, client = advisor_page
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=timezone.now() + datetime.timedelta(days=1)
    )
    url = reverse("guidance:detail", args=[conversation.pk])
    answer = {"result": "held", "notes": TOO_LONG, "outcome": "Plan", "next_step": "S" * 301}
    response = client.post(url, answer)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"notes", "next_step"}
    assert "4000" in str(errors["notes"]) or "4.000" in str(errors["notes"])
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.SCHEDULED and conversation.notes == ""


def test_another_organisations_advisor_gets_404_on_the_capped_pages(advisor_page):
    fund, person, client = advisor_page
    conversation = services.schedule(
        person, advisor=fund.advisor, scheduled_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(fund.other_advisor)
    schedule = reverse("guidance:schedule", args=[person.pk])
    assert client.post(schedule, {"scheduled_at": in_days(2)}).status_code == 404
    detail = reverse("guidance:detail", args=[conversation.pk])
    assert client.post(detail, {"result": "held", "outcome": "x"}).status_code == 404


@pytest.mark.parametrize(
    "form, field, data",
    [
        (CourseForm, "description", {"title": "Lassen", "description": TOO_LONG}),
        (DropOutForm, "reason", {"reason": TOO_LONG}),
        (FollowUpForm, "comment", {"work_situation": "employed", "comment": TOO_LONG}),
    ],
)
def test_free_text_over_the_cap_names_the_field(form, field, data):
    bound = form(data=data)
    assert not bound.is_valid()
    assert field in bound.errors
    assert bound.fields[field].widget.attrs["maxlength"] == str(FREE_TEXT_MAX_CHARS)


def test_an_address_listed_twice_is_refused_with_a_message():
    form = InviteEmployeesForm(data={"emails": "a@example.org\nb@example.org\nA@example.org"})
    assert not form.is_valid()
    assert "a@example.org" in str(form.errors["emails"])
    assert InviteEmployeesForm(data={"emails": "a@example.org\nb@example.org"}).is_valid()
