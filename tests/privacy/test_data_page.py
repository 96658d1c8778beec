"""The right of access as a page: the same data as the JSON download, in sections, in the
reader's language; only ever the reader's own record (or, for staff, one in their care)."""

import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.privacy import services

from .conftest import with_login
from .test_privacy import approved_plan, conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(fund):
    person = with_login(fund.participant())
    conversation(fund, person)
    approved_plan(fund, person)
    return person


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_reads_in_dutch(client, fund, sanne):
    client.force_login(sanne.user)
    page = _text(client.get(reverse("privacy:my_data_page")))
    for heading in ("Persoonsgegevens", "Loopbaangesprekken", "Scholingsplannen en cheques"):
        assert heading in page
    assert "Sanne wil de zorg in" in page  # the advisor's notes belong to the person
    assert "17 mei 1990" in page  # the birth date, written the Dutch way
    assert "€ 2.000,00" in page  # the course price (200,000 cents)
    assert "Ingediend" in page and "submitted" not in page  # states by label, not code
    cheque = sanne.plans.get().cheques.get()
    assert f"…{cheque.code_last4}" in page
    assert reverse("privacy:my_data_download") in page  # the same data as JSON


def test_the_page_reads_in_english(client, fund, sanne):
    client.force_login(sanne.user)
    client.cookies["django_language"] = "en"
    page = _text(client.get(reverse("privacy:my_data_page"), HTTP_ACCEPT_LANGUAGE="en"))
    for heading in ("Personal details", "Career conversations", "Training plans and cheques"):
        assert heading in page
    assert "17 May 1990" in page and "€2,000.00" in page
    assert "Persoonsgegevens" not in page and "€ 2.000,00" not in page


def test_a_participant_sees_only_their_own_data(client, fund, sanne):
    piet = with_login(fund.participant(given_name="Piet", family_name="Jansen", email="p@x.nl"))
    client.force_login(piet.user)
    page = _text(client.get(reverse("privacy:my_data_page")))
    assert "Jansen" in page and "de Vries" not in page and "Sanne wil" not in page
    # Staff's page for a given record is closed to participants.
    assert client.get(reverse("privacy:participant_data_page", args=[sanne.pk])).status_code == 403


def test_a_participant_without_a_record_gets_404(client, fund):
    client.force_login(user_with_role(Role.PARTICIPANT))
    assert client.get(reverse("privacy:my_data_page")).status_code == 404


def test_the_advisor_reads_a_participant_in_care_and_the_reading_is_audited(client, fund, sanne):
    url = reverse("privacy:participant_data_page", args=[sanne.pk])
    client.force_login(fund.advisor)
    page = _text(client.get(url))
    assert "De gegevens van Sanne de Vries" in page
    assert reverse("privacy:participant_data", args=[sanne.pk]) in page
    event = LogEntry.objects.filter(additional_data__event="personal_data_exported").last()
    assert event.actor == fund.advisor and event.object_pk == str(sanne.pk)
    # An advisor of another advice organisation: as if the person did not exist.
    client.force_login(fund.other_advisor)
    assert client.get(url).status_code == 404
    assert client.get(reverse("privacy:participant_data_page", args=[999999])).status_code == 404


def test_the_json_has_the_same_sections(client, fund, sanne):
    client.force_login(sanne.user)
    data = json.loads(client.get(reverse("privacy:my_data_download")).content)
    assert set(data) == {
        "generated_at",
        "participant",
        "merged_records",
        "career_conversations",
        "training_plans",
        "state_changes",
        "erasure_requests",
    }
    [plan] = data["training_plans"]
    assert {"id", "state", "courses", "cheques", "eligibility", "fund_amount_cents"} <= set(plan)
    assert {"object", "transition", "from", "to", "at", "description"} == set(
        data["state_changes"][0]
    )


def test_history_rows_name_the_record_and_its_state_label(fund, sanne):
    plan = sanne.plans.get()
    changes = services.personal_data(sanne)["state_changes"]
    for language, what, state in (
        ("en", "training plan", "Submitted"),
        ("nl", "scholingsplan", "Ingediend"),
    ):
        with translation.override(language):
            rows = [
                (str(row["what"]), str(row["state"]))
                for row in services.readable_state_changes(changes)
                if row["number"] == str(plan.pk)
            ]
        assert (what, state) in rows, rows
