"""Bad input gets a 400 naming the field, never a 500: text longer than its column, free text
without end, duplicate list items, implausible dates."""

import pytest

from tests.api.test_fund_workflow_api import client_for, new_participant, new_stream
from tests.funding.conftest import FundWorld
from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS
from vakmanschap.people import privacy_statements
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return FundWorld(allocated=0)


def test_an_invoice_number_longer_than_its_column_is_a_400(world):
    provider_api = client_for(world.provider_user)
    body = {"cheque": 1, "amount_cents": 100, "number": "F" * 38}
    response = provider_api.post("/api/v1/invoices", body, format="json")
    assert response.status_code == 400
    assert "number" in response.json()["errors"]


def test_a_huge_cheque_id_is_a_400_not_a_500(world):
    provider_api = client_for(world.provider_user)
    body = {"cheque": 2**70, "amount_cents": 100}
    response = provider_api.post("/api/v1/invoices", body, format="json")
    assert response.status_code == 400 and "cheque" in response.json()["errors"]


def plan_body(world, stream, participant, **changes):
    body = {
        "participant": participant,
        "target_occupation": world.nurse.uri,
        "courses": [world.course.pk],
        "funding_stream": stream,
        "justification": "Past bij de route naar verpleegkundige.",
    }
    body.update(changes)
    return body


def test_duplicate_courses_in_a_plan_are_refused_with_a_message(world):
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    stream, participant = new_stream(fund_api), new_participant(advisor_api)
    body = plan_body(world, stream, participant, courses=[world.course.pk, world.course.pk])
    response = advisor_api.post("/api/v1/plans", body, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert str(world.course.pk) in response.json()["errors"]["courses"][0]


def test_free_text_has_a_cap(world):
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    stream, participant = new_stream(fund_api), new_participant(advisor_api)
    long = "x" * (FREE_TEXT_MAX_CHARS + 1)
    response = advisor_api.post(
        "/api/v1/plans", plan_body(world, stream, participant, justification=long), format="json"
    )
    assert response.status_code == 400 and "justification" in response.json()["errors"]


@pytest.mark.parametrize("birth_date", ["0001-01-01", "2099-01-01", "2015-06-01", "1900-01-01"])
def test_an_implausible_birth_date_is_refused(world, birth_date):
    advisor_api = client_for(world.advisor)
    body = {
        "given_name": "Sanne",
        "family_name": "de Vries",
        "birth_date": birth_date,
        "postcode": "7511 AB",
        "municipality_code": "GM0153",
        "education_level": "mbo2",
        "work_situation": "part_time_wants_more",
    }
    response = advisor_api.post("/api/v1/participants", body, format="json")
    assert response.status_code == 400 and "birth_date" in response.json()["errors"]


def test_a_budget_period_far_from_today_is_refused(world):
    fund_api = client_for(world.fund_officer)
    body = {
        "name": "Ver weg",
        "period_start": "2099-01-01",
        "period_end": "2099-12-31",
        "allocated_cents": 100,
    }
    response = fund_api.post("/api/v1/funding-streams", body, format="json")
    assert response.status_code == 400
    assert {"period_start", "period_end"} <= set(response.json()["errors"])


def test_the_sign_up_forms_refuse_an_implausible_birth_date_and_endless_text():
    from vakmanschap.people.forms import ParticipantForm

    form = ParticipantForm(
        data={"birth_date": "2099-01-01", "training_wish": "x" * (FREE_TEXT_MAX_CHARS + 1)}
    )
    assert not form.is_valid()
    assert "birth_date" in form.errors and "training_wish" in form.errors


def test_a_sign_up_by_api_stores_a_known_privacy_version_or_the_one_in_force(world):
    advisor_api = client_for(world.advisor)
    body = {
        "given_name": "Sanne",
        "family_name": "de Vries",
        "birth_date": "1990-05-17",
        "postcode": "7511 AB",
        "municipality_code": "GM0153",
        "education_level": "mbo2",
        "work_situation": "part_time_wants_more",
    }
    refused = advisor_api.post(
        "/api/v1/participants", {**body, "privacy_version": "1999-9"}, format="json"
    )
    assert refused.status_code == 400 and "privacy_version" in refused.json()["errors"]
    created = advisor_api.post("/api/v1/participants", body, format="json")
    assert created.status_code == 201
    stored = Participant.objects.get(pk=created.json()["id"]).privacy_version
    assert stored == privacy_statements.current().version
