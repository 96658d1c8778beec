"""The fund's path through the API, as a partner system would walk it."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import PASSWORD, held_conversation
from tests.funding.conftest import FundWorld
from vakmanschap.funding.models import Cheque, LedgerEntry
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    api = APIClient()
    token = api.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


@pytest.fixture
def world():
    return FundWorld(allocated=0)


def new_stream(fund_api, allocated=500_000):
    response = fund_api.post(
        "/api/v1/funding-streams",
        {
            "name": "Regio Deal Twente",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "allocated_cents": allocated,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def new_participant(advisor_api, **overrides):
    body = {
        "given_name": "Sanne",
        "family_name": "de Vries",
        "birth_date": "1990-05-17",
        "postcode": "7511 AB",
        "municipality_code": "GM0153",
        "email": "sanne@example.org",
        "education_level": "mbo2",
        "work_situation": "part_time_wants_more",
    }
    body.update(overrides)
    response = advisor_api.post("/api/v1/participants", body, format="json")
    assert response.status_code == 201, response.json()
    # The career conversation took place (the scheme asks for one before a plan is submitted;
    # conversations have no API).
    participant = Participant.objects.get(pk=response.json()["id"])
    held_conversation(participant, participant.created_by)
    return participant.pk


def new_plan(advisor_api, world, stream, participant=None):
    """A draft plan for the nurse route; returns the API answer."""
    response = advisor_api.post(
        "/api/v1/plans",
        {
            "participant": participant or new_participant(advisor_api),
            "target_occupation": world.nurse.uri,
            "courses": [world.course.pk],
            "funding_stream": stream,
            "justification": "x",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_one_person_through_the_whole_path(world):
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    provider_api = client_for(world.provider_user)
    stream = new_stream(fund_api)
    participant = new_participant(advisor_api)
    courses = advisor_api.get("/api/v1/courses").json()
    course = next(c for c in courses if c["title"] == "Verzorgende IG")
    assert course["provider"] == world.provider.pk and course["price_cents"] == 200_000
    plan = advisor_api.post(
        "/api/v1/plans",
        {
            "participant": participant,
            "target_occupation": world.nurse.uri,
            "courses": [course["id"]],
            "funding_stream": stream,
            "justification": "Wil verzorgende worden.",
        },
        format="json",
    ).json()
    assert plan["status"] == "draft" and plan["total_cents"] == 200_000
    assert all(rule["ok"] for rule in plan["eligibility"])
    submitted = advisor_api.post(f"/api/v1/plans/{plan['id']}/submit", format="json").json()
    assert submitted["status"] == "submitted"
    approved = fund_api.post(f"/api/v1/plans/{plan['id']}/approve", format="json").json()
    assert approved["status"] == "approved"
    (cheque,) = approved["cheques"]
    assert cheque["amount_cents"] == 200_000 and cheque["course"] == course["id"]
    balances = fund_api.get(f"/api/v1/funding-streams/{stream}").json()
    assert balances["reserved_cents"] == 200_000 and balances["available_cents"] == 300_000
    booked = provider_api.post(
        "/api/v1/cheques/redeem",
        {"code": cheque["code"], "birth_date": "1990-05-17"},
        format="json",
    )
    assert booked.json() == {"id": cheque["id"], "status": "booked"}
    deliver_invoice_and_approve(world, provider_api, fund_api, cheque["id"])
    balances = fund_api.get(f"/api/v1/funding-streams/{stream}").json()
    assert (balances["committed_cents"], balances["reserved_cents"]) == (200_000, 0)


def start_yesterday(provider_api, cheque_id):
    """The provider declares that the course started yesterday: a course is never completed on
    its start day. The cheque is taken as issued two days ago, so that start is possible."""
    Cheque.objects.filter(pk=cheque_id).update(
        issued_at=timezone.now() - datetime.timedelta(days=2)
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return provider_api.post(
        f"/api/v1/cheques/{cheque_id}/start", {"start_date": yesterday.isoformat()}, format="json"
    )


def deliver_invoice_and_approve(world, provider_api, fund_api, cheque_id):
    """The provider starts, reports attendance and completion, invoices; the fund officer
    checks and a finance officer (another person) approves."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/api/v1/cheques/{cheque_id}"
    started = start_yesterday(provider_api, cheque_id).json()
    assert started["status"] == "started", started
    attended = provider_api.post(f"{url}/attendance", {"percent": 92}, format="json").json()
    assert attended["attendance_percent"] == 92
    certificate = SimpleUploadedFile(
        "diploma.pdf", b"%PDF-1.4\n% certificate\n", content_type="application/pdf"
    )
    completed = provider_api.post(
        f"{url}/complete", {"certificate": certificate}, format="multipart"
    )
    assert completed.json()["status"] == "completed", completed.json()
    invoice = provider_api.post(
        "/api/v1/invoices", {"cheque": cheque_id, "amount_cents": 200_000}, format="json"
    )
    assert invoice.status_code == 201, invoice.json()
    invoice_id = invoice.json()["id"]
    checked = fund_api.post(f"/api/v1/invoices/{invoice_id}/check").json()
    assert checked["status"] == "checked"
    finance_api = client_for(world.finance_officer)
    approved = finance_api.post(f"/api/v1/invoices/{invoice_id}/approve").json()
    assert approved["status"] == "approved" and approved["payable_cents"] == 200_000


def test_delivery_api_refuses_other_providers_and_bad_input(world):
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    stream = new_stream(fund_api)
    plan = new_plan(advisor_api, world, stream)
    advisor_api.post(f"/api/v1/plans/{plan['id']}/submit")
    cheque = fund_api.post(f"/api/v1/plans/{plan['id']}/approve").json()["cheques"][0]
    other_api = client_for(world.other_provider_user)
    response = other_api.post(f"/api/v1/cheques/{cheque['id']}/start", {}, format="json")
    assert response.status_code == 404 and "status" not in response.json().get("errors", {})
    provider_api = client_for(world.provider_user)
    not_booked = provider_api.post(f"/api/v1/cheques/{cheque['id']}/start", {}, format="json")
    assert not_booked.status_code == 409
    bad = provider_api.post(
        f"/api/v1/cheques/{cheque['id']}/attendance", {"percent": 140}, format="json"
    )
    assert bad.status_code == 400 and "percent" in bad.json()["errors"]
    assert (
        fund_api.post(
            "/api/v1/invoices", {"cheque": cheque["id"], "amount_cents": 1}, format="json"
        ).status_code
        == 403
    )


def test_the_author_cannot_approve_and_gets_409_or_403(world):
    fund_api = client_for(world.fund_officer)
    advisor_api = client_for(world.advisor)
    stream = new_stream(fund_api)
    plan = new_plan(advisor_api, world, stream)
    assert advisor_api.post(f"/api/v1/plans/{plan['id']}/approve").status_code == 403
    response = fund_api.post(f"/api/v1/plans/{plan['id']}/approve")  # still a draft
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"


def test_a_plan_without_budget_goes_on_the_waiting_list(world):
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    stream = new_stream(fund_api, allocated=100_000)
    plan = new_plan(advisor_api, world, stream)
    advisor_api.post(f"/api/v1/plans/{plan['id']}/submit")
    approved = fund_api.post(f"/api/v1/plans/{plan['id']}/approve").json()
    assert approved["status"] == "waiting_list" and approved["cheques"] == []
    assert fund_api.get(f"/api/v1/funding-streams/{stream}").json()["waiting_count"] == 1


def test_idempotency_key_creates_once_and_never_stores_the_code(world):
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    stream = new_stream(fund_api)
    body = {
        "given_name": "Ahmed",
        "family_name": "Yilmaz",
        "birth_date": "1985-02-01",
        "postcode": "7511AB",
        "municipality_code": "GM0153",
        "education_level": "vmbo",
        "work_situation": "status_holder",
    }
    first = advisor_api.post("/api/v1/participants", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    again = advisor_api.post("/api/v1/participants", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    other = advisor_api.post(
        "/api/v1/participants",
        {**body, "given_name": "Ali"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert other.status_code == 422
    held_conversation(Participant.objects.get(pk=first.json()["id"]), world.advisor)
    plan = new_plan(advisor_api, world, stream, participant=first.json()["id"])
    advisor_api.post(f"/api/v1/plans/{plan['id']}/submit")
    url = f"/api/v1/plans/{plan['id']}/approve"
    approved = fund_api.post(url, HTTP_IDEMPOTENCY_KEY="a1").json()
    replay = fund_api.post(url, HTTP_IDEMPOTENCY_KEY="a1").json()
    assert approved["cheques"][0]["code"] and replay["cheques"][0]["code"] is None
    assert Cheque.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="reserve").count() == 1


def test_validation_errors_name_the_fields(world):
    advisor_api = client_for(world.advisor)
    response = advisor_api.post(
        "/api/v1/participants",
        {
            "given_name": "",
            "birth_date": "17-05-1990",
            "postcode": "ABC",
            "municipality_code": "GM9999",
            "education_level": "phd",
            "work_situation": "x",
        },
        format="json",
    )
    errors = response.json()["errors"]
    assert response.status_code == 400
    assert {
        "given_name",
        "family_name",
        "birth_date",
        "postcode",
        "municipality_code",
        "education_level",
        "work_situation",
    } <= set(errors)


def test_a_nul_character_in_a_slug_is_a_400_not_a_500(world):
    """PostgreSQL cannot compare text with a NUL byte, so the lookup itself used to fail."""
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    body = {
        "participant": new_participant(advisor_api),
        "target_occupation": world.nurse.uri + "\x00",
        "courses": [world.course.pk],
        "funding_stream": new_stream(fund_api),
        "justification": "x",
    }
    response = advisor_api.post("/api/v1/plans", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]


def test_redeem_errors_never_reveal_another_providers_cheque(world):
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    stream = new_stream(fund_api)
    plan = new_plan(advisor_api, world, stream)
    advisor_api.post(f"/api/v1/plans/{plan['id']}/submit")
    code = fund_api.post(f"/api/v1/plans/{plan['id']}/approve").json()["cheques"][0]["code"]
    other_api = client_for(world.other_provider_user)
    response = other_api.post(
        "/api/v1/cheques/redeem", {"code": code, "birth_date": "1990-05-17"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["attempts_left"] == 4
    for _ in range(4):
        other_api.post(
            "/api/v1/cheques/redeem", {"code": code, "birth_date": "1990-05-17"}, format="json"
        )
    locked = other_api.post(
        "/api/v1/cheques/redeem", {"code": code, "birth_date": "1990-05-17"}, format="json"
    )
    assert locked.status_code == 429 and locked["Retry-After"] == "900"
    provider_api = client_for(world.provider_user)
    ok = provider_api.post(
        "/api/v1/cheques/redeem", {"code": code, "birth_date": "1990-05-17"}, format="json"
    )
    assert ok.status_code == 200
    used = provider_api.post(
        "/api/v1/cheques/redeem", {"code": code, "birth_date": "1990-05-17"}, format="json"
    )
    assert used.status_code == 409
