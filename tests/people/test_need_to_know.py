"""Need to know: an advisor sees and acts only on the participants of their own advice
organisation. An advisor of another organisation gets 404 everywhere, and nothing changes."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from tests.api.test_fund_workflow_api import client_for
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.funding.plans import submit
from vakmanschap.guidance import services as guidance
from vakmanschap.people import services
from vakmanschap.people.choices import Triage
from vakmanschap.people.models import Participant, ParticipantTransfer
from vakmanschap.skills.models import PersonOccupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund():
    return FundWorld()


@pytest.fixture
def file_a(fund):
    """A participant of organisation A (Leerwerkloket Twente) with a conversation and a plan."""
    sanne = fund.participant()
    conversation = guidance.schedule(
        sanne, advisor=fund.advisor, scheduled_at=timezone.now() + datetime.timedelta(days=1)
    )
    conversation.notes = "Vertrouwelijk: schulden"
    conversation.save(update_fields=["notes"])
    plan = fund.plan(participant=sanne)
    return sanne, conversation, plan


def test_a_sign_up_by_an_advisor_belongs_to_their_organisation(fund):
    sanne = fund.participant()
    assert sanne.advice_organisation == fund.advice
    assert list(Participant.objects.in_care_of(fund.other_advisor)) == []
    assert list(Participant.objects.visible_to(fund.colleague)) == [sanne]


def test_an_online_sign_up_goes_to_the_advice_organisation_of_the_municipality(fund):
    fund.advice.municipality = fund.enschede
    fund.advice.save()
    sanne = services.register(
        by=None,
        given_name="Sanne",
        family_name="de Vries",
        birth_date=datetime.date(1990, 5, 17),
        postcode="7511AB",
        municipality=fund.enschede,
        education_level="mbo2",
        work_situation="unemployed",
        consent_purpose="x",
        privacy_version="2026-1",
    )
    assert sanne.advice_organisation == fund.advice


def test_the_intake_queue_is_taken_up_by_the_first_organisation_that_acts(fund):
    sanne = fund.participant()
    Participant.objects.filter(pk=sanne.pk).update(advice_organisation=None)
    assert sanne in Participant.objects.in_care_of(fund.other_advisor)
    sanne.refresh_from_db()
    services.triage(sanne, Triage.CONVERSATION_NEEDED, by=fund.other_advisor)
    sanne.refresh_from_db()
    assert sanne.advice_organisation == fund.other_advice
    assert sanne not in Participant.objects.in_care_of(fund.advisor)


def test_another_organisations_advisor_gets_404_on_every_page(client, fund, file_a):
    sanne, conversation, plan = file_a
    client.force_login(fund.other_advisor)
    pages = [
        reverse("people:detail", args=[sanne.pk]),
        reverse("guidance:detail", args=[conversation.pk]),
        reverse("guidance:schedule", args=[sanne.pk]),
        reverse("privacy:participant_data", args=[sanne.pk]),
        reverse("privacy:erasure_new", args=[sanne.pk]),
        reverse("funding:plan_detail", args=[plan.pk]),
        reverse("funding:plan_new", args=[sanne.pk]),
        reverse("skills:person_skills", args=[sanne.pk]),
        reverse("skills:person_routes", args=[sanne.pk]),
        reverse("people:transfer", args=[sanne.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "de Vries" not in response.content.decode(), url
    posts = {
        reverse("people:triage", args=[sanne.pk]): {"outcome": Triage.NOT_ELIGIBLE, "reason": "x"},
        reverse("guidance:detail", args=[conversation.pk]): {"result": "cancelled"},
        reverse("funding:plan_submit", args=[plan.pk]): {},
        reverse("skills:add_occupation", args=[sanne.pk]): {"occupation": fund.nurse.pk},
        reverse("people:transfer", args=[sanne.pk]): {
            "to_organisation": fund.other_advice.pk,
            "reason": "overname",
        },
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    sanne.refresh_from_db()
    conversation.refresh_from_db()
    plan.refresh_from_db()
    assert sanne.triage == Triage.PENDING and sanne.advice_organisation == fund.advice
    assert conversation.state == "scheduled" and plan.state == "draft"
    assert not PersonOccupation.objects.filter(participant=sanne).exists()


def test_another_organisations_participants_stay_out_of_lists(client, fund, file_a):
    sanne, _conversation, _plan = file_a
    client.force_login(fund.other_advisor)
    for scope in ("mine", "triage", "all"):
        body = client.get(reverse("people:caseload"), {"scope": scope}).content.decode()
        assert "de Vries" not in body, scope
    assert "de Vries" not in client.get(reverse("notifications:needs_action")).content.decode()
    client.force_login(fund.colleague)
    body = client.get(reverse("people:caseload"), {"scope": "all"}).content.decode()
    assert "de Vries" in body


def test_the_api_refuses_another_organisations_participant_and_plan(fund, file_a):
    sanne, _conversation, plan = file_a
    api = client_for(fund.other_advisor)
    response = api.post(
        "/api/v1/plans",
        {
            "participant": sanne.pk,
            "target_occupation": fund.nurse.uri,
            "courses": [fund.course.pk],
            "funding_stream": fund.period.pk,
            "justification": "x",
        },
        format="json",
    )
    assert response.status_code == 400 and "participant" in str(response.json())
    assert api.post(f"/api/v1/plans/{plan.pk}/submit").status_code == 404
    plan.refresh_from_db()
    assert plan.state == "draft"


def test_fund_officers_see_plans_but_not_conversation_notes(client, fund, file_a):
    sanne, conversation, plan = file_a
    submit(plan, by=fund.advisor)
    client.force_login(fund.fund_officer)
    assert client.get(reverse("funding:plan_detail", args=[plan.pk])).status_code == 200
    person = client.get(reverse("people:detail", args=[sanne.pk]))
    assert person.status_code == 200
    assert reverse("guidance:detail", args=[conversation.pk]) not in person.content.decode()
    assert client.get(reverse("guidance:detail", args=[conversation.pk])).status_code == 403


def test_reading_conversation_notes_is_audited(client, fund, file_a):
    _sanne, conversation, _plan = file_a
    client.force_login(fund.colleague)
    assert client.get(reverse("guidance:detail", args=[conversation.pk])).status_code == 200
    entry = LogEntry.objects.get(additional_data__event="conversation_notes_read")
    assert entry.actor == fund.colleague and entry.object_pk == str(conversation.pk)


# --- Transfers ---------------------------------------------------------------------------


def test_a_transfer_moves_the_file_and_both_sides_see_it(client, fund, file_a):
    sanne, conversation, plan = file_a
    client.force_login(fund.advisor)
    url = reverse("people:transfer", args=[sanne.pk])
    response = client.post(url, {"to_organisation": fund.other_advice.pk, "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = client.post(url, {"to_organisation": fund.other_advice.pk, "reason": "Verhuisd"})
    assert response.status_code == 302
    sanne.refresh_from_db()
    assert sanne.advice_organisation == fund.other_advice and sanne.advisor is None
    # The old organisation no longer sees the file, but sees the transfer.
    assert client.get(reverse("people:detail", args=[sanne.pk])).status_code == 404
    assert client.get(reverse("guidance:detail", args=[conversation.pk])).status_code == 404
    assert "Verhuisd" in client.get(reverse("people:transfers")).content.decode()
    client.force_login(fund.other_advisor)
    assert client.get(reverse("people:detail", args=[sanne.pk])).status_code == 200
    assert client.get(reverse("funding:plan_detail", args=[plan.pk])).status_code == 200
    assert "Verhuisd" in client.get(reverse("people:transfers")).content.decode()
    # A third organisation sees nothing of it.
    from tests.factories import user_with_role

    client.force_login(user_with_role(Role.ADVISOR))
    assert "Verhuisd" not in client.get(reverse("people:transfers")).content.decode()
    record = ParticipantTransfer.objects.get()
    assert (record.from_organisation, record.to_organisation) == (fund.advice, fund.other_advice)
    assert LogEntry.objects.filter(
        additional_data__event="participant_transferred", actor=fund.advisor
    ).exists()


def test_a_transfer_needs_another_advice_organisation(fund):
    from django.core.exceptions import ValidationError

    sanne = fund.participant()
    with pytest.raises(ValidationError):
        services.transfer(sanne, to=fund.advice, by=fund.advisor, reason="x")
    with pytest.raises(ValidationError):
        services.transfer(sanne, to=fund.provider, by=fund.advisor, reason="x")
    assert not ParticipantTransfer.objects.exists()
