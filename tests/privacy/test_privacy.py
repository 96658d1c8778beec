import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.funding.models import LedgerEntry
from vakmanschap.funding.plans import approve, submit
from vakmanschap.guidance.models import CareerConversation
from vakmanschap.people.models import Participant
from vakmanschap.privacy import services
from vakmanschap.privacy.models import ErasureRequest, ErasureStatus
from vakmanschap.privacy.tasks import anonymise_expired_task

from .conftest import with_login


def approved_plan(fund, participant):
    plan = fund.plan(participant=participant)
    submit(plan, by=fund.advisor)
    approve(plan, by=fund.fund_officer)
    plan.refresh_from_db()
    return plan


def finish(plan):
    """Walk an approved plan and its cheques to the end, then close it."""
    now = timezone.now()
    for cheque in plan.cheques.all():
        cheque.booked_at = now
        cheque.book(by=None)
        cheque.save()
        # Started the day before: a course is not completed on its start date.
        cheque.start_date, cheque.started_at = now.date() - datetime.timedelta(days=1), now
        cheque.start(by=None)
        cheque.save()
        cheque.attendance_percent, cheque.finished_at = 100, now
        cheque.complete(by=None)
        cheque.save()
    plan.start_training(by=None)
    plan.save()
    plan.complete(by=None)
    plan.save()
    plan.close(by=None, description="Sanne de Vries is klaar")
    plan.save()


def conversation(fund, participant, notes="Sanne wil de zorg in; zorgt voor moeder."):
    talk = CareerConversation.objects.create(
        participant=participant, advisor=fund.advisor, scheduled_at=timezone.now()
    )
    talk.hold(notes=notes, outcome="Plan maken", next_step="Scholingsplan", by=fund.advisor)
    talk.save()
    return talk


# --- Right of access ---------------------------------------------------------------------


def test_the_download_holds_the_record_notes_plans_cheques_and_history(client, fund):
    sanne = with_login(fund.participant())
    conversation(fund, sanne)
    plan = approved_plan(fund, sanne)
    client.force_login(sanne.user)
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["participant"]["family_name"] == "de Vries"
    assert data["participant"]["consent"]["privacy_statement_version"] == "2026-1"
    assert "Sanne wil de zorg in" in data["career_conversations"][0]["notes"]
    [plan_data] = data["training_plans"]
    assert plan_data["id"] == plan.pk
    [cheque] = plan_data["cheques"]
    stored = plan.cheques.get()
    assert cheque["code_ends_with"] == stored.code_last4
    assert stored.code_hash not in response.content.decode()
    transitions = {(s["object"].split(":")[0], s["to"]) for s in data["state_changes"]}
    assert {("trainingplan", "submitted"), ("trainingplan", "approved")} <= transitions
    assert ("careerconversation", "held") in transitions


def test_one_participant_never_downloads_another_participants_data(client, fund):
    sanne = with_login(fund.participant())
    piet = with_login(fund.participant(given_name="Piet", family_name="Jansen"))
    client.force_login(piet.user)
    body = client.get(reverse("privacy:my_data_download")).content.decode()
    assert "Jansen" in body and "de Vries" not in body
    # The advisor's download of a given record is closed to participants.
    response = client.get(reverse("privacy:participant_data", args=[sanne.pk]))
    assert response.status_code == 403


def test_a_participant_login_without_a_record_gets_404(client, fund):
    user = user_with_role(Role.PARTICIPANT)
    client.force_login(user)
    assert client.get(reverse("privacy:my_data_download")).status_code == 404


@pytest.mark.parametrize(
    "role, my_data, erasure_list",
    [
        (Role.PARTICIPANT, 404, 403),  # a participant role without a record: nothing to show
        (Role.ADVISOR, 403, 200),
        (Role.FUND_OFFICER, 403, 200),  # the fund may be the second pair of eyes
        (Role.FINANCE_OFFICER, 403, 403),
        (Role.PROVIDER_STAFF, 403, 403),
        (Role.EMPLOYER_STAFF, 403, 403),
        (Role.MONITOR, 403, 403),
    ],
)
def test_role_against_the_privacy_pages(client, fund, role, my_data, erasure_list):
    sanne = fund.participant()
    client.force_login(user_with_role(role))
    assert client.get(reverse("privacy:my_data")).status_code == my_data
    assert client.get(reverse("privacy:erasure_list")).status_code == erasure_list
    data = client.get(reverse("privacy:participant_data", args=[sanne.pk]))
    # An advisor of ANOTHER advice organisation: not found (need to know).
    assert data.status_code == (404 if role == Role.ADVISOR else 403)


def test_the_participants_own_advisor_hands_over_the_data(client, fund):
    sanne = fund.participant()
    client.force_login(fund.advisor)
    assert client.get(reverse("privacy:participant_data", args=[sanne.pk])).status_code == 200


def test_anonymous_is_sent_to_login(client, fund):
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


# --- Anonymisation -----------------------------------------------------------------------


def test_anonymise_blanks_personal_data_and_keeps_money_and_statistics(fund):
    sanne = with_login(fund.participant(phone="0612345678", training_wish="Verpleegkundige"))
    talk = conversation(fund, sanne)
    plan = approved_plan(fund, sanne)
    finish(plan)
    ledger_before = list(LedgerEntry.objects.values_list("pk", "kind", "amount_cents"))
    services.anonymise(sanne, reason="test")
    sanne.refresh_from_db()
    assert (sanne.given_name, sanne.family_name, sanne.email, sanne.phone) == ("", "", "", "")
    assert sanne.training_wish == "" and sanne.identity_key is None
    assert sanne.birth_date == datetime.date(1990, 7, 1)  # the year stays
    assert sanne.postcode == "7511"  # the four digits stay
    assert sanne.municipality == fund.enschede and sanne.work_situation == "part_time_wants_more"
    assert sanne.anonymised_at is not None
    talk.refresh_from_db()
    assert (talk.notes, talk.outcome, talk.next_step) == ("", "", "")
    plan.refresh_from_db()
    assert plan.justification == "" and plan.fund_amount_cents == 200_000
    assert plan.participant_id == sanne.pk and plan.cheques.count() == 1
    assert list(LedgerEntry.objects.values_list("pk", "kind", "amount_cents")) == ledger_before
    assert not StateLog.objects.filter(description__icontains="Sanne").exists()
    user = sanne.user
    assert not user.is_active and "sanne" not in user.email and user.full_name == ""


def test_the_audit_trail_keeps_no_old_personal_values(fund):
    # Only entries written since she arrived: the fixture's staff have random (fake) names
    # that may be "Sanne" or "de Vries" too.
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sanne = with_login(fund.participant(email="sanne@example.org"))
    conversation(fund, sanne)
    sanne.phone = "0612345678"
    sanne.save()  # an update entry with old → new values
    assert LogEntry.objects.get_for_object(sanne).filter(changes_text__contains="").exists()
    services.anonymise(sanne)
    dump = json.dumps(
        list(
            LogEntry.objects.filter(pk__gt=before).values(
                "object_repr",
                "changes",
                "changes_text",
                "serialized_data",
                "additional_data",
                "actor_email",
            )
        ),
        default=str,
    )
    for value in ("Sanne", "de Vries", "sanne@example.org", "0612345678", "7511 AB", "zorg in"):
        assert value not in dump, value
    entries = LogEntry.objects.get_for_object(sanne)
    assert entries.filter(additional_data__event="anonymised").exists()
    assert entries.filter(action=LogEntry.Action.UPDATE).exists()  # who and when stay


def test_anonymise_is_idempotent_and_covers_merged_records(fund):
    from vakmanschap.people.models import DuplicateCandidate
    from vakmanschap.people.services import merge

    sanne = fund.participant()
    twin = fund.participant()  # same name, birth date, postcode: flagged
    candidate = DuplicateCandidate.objects.get(other=twin)
    merge(candidate, keep=sanne, by=fund.advisor)
    services.anonymise(sanne)
    services.anonymise(sanne)
    twin.refresh_from_db()
    assert twin.family_name == "" and twin.anonymised_at is not None
    assert LogEntry.objects.filter(additional_data__event="anonymised").count() == 1


def test_retention_anonymises_only_closed_files_past_the_period(fund, settings):
    settings.VAKMANSCHAP_RETENTION_DAYS = 30
    now = timezone.now()
    old = fund.participant(given_name="Oud")
    recent = fund.participant(given_name="Recent", family_name="Jansen")
    still_open = fund.participant(given_name="Open", family_name="Bakker")
    never_closed = fund.participant(given_name="Lopend", family_name="Smit")
    fund.plan(participant=still_open)  # a draft plan is an open plan
    Participant.objects.filter(pk__in=[old.pk, still_open.pk]).update(
        closed_at=now - datetime.timedelta(days=31)
    )
    Participant.objects.filter(pk=recent.pk).update(closed_at=now - datetime.timedelta(days=29))
    assert services.anonymise_expired() == 1
    anonymised = set(
        Participant.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    )
    assert anonymised == {old.pk}
    assert never_closed.pk not in anonymised


def test_the_default_retention_is_seven_years(settings):
    del settings.VAKMANSCHAP_RETENTION_DAYS
    assert services.retention_days() == 2557


def test_command_and_task(fund, settings):
    settings.VAKMANSCHAP_RETENTION_DAYS = 1
    old = fund.participant()
    Participant.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=2)
    )
    call_command("anonymise_expired", "--dry-run")
    assert Participant.objects.get(pk=old.pk).anonymised_at is None
    call_command("anonymise_expired")
    assert Participant.objects.get(pk=old.pk).anonymised_at is not None
    other = fund.participant(given_name="Piet", family_name="Jansen")
    Participant.objects.filter(pk=other.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=2)
    )
    result = anonymise_expired_task.enqueue()
    assert result.return_value == 1


# --- Erasure requests --------------------------------------------------------------------


def test_participant_asks_advisor_approves_and_the_person_is_anonymised(client, fund):
    sanne = with_login(fund.participant())
    client.force_login(sanne.user)
    response = client.post(
        reverse("privacy:my_data"), {"reason": "Ik verhuis naar het buitenland."}
    )
    assert response.status_code == 302
    client.post(reverse("privacy:my_data"), {"reason": "nog een keer"})  # double submit
    request = ErasureRequest.objects.get()
    assert request.status == ErasureStatus.OPEN
    client.force_login(fund.advisor)
    assert f"#{request.pk}" in client.get(reverse("privacy:erasure_list")).content.decode()
    response = client.post(
        reverse("privacy:erasure_detail", args=[request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    sanne.refresh_from_db()
    assert request.status == ErasureStatus.APPROVED and request.decided_by == fund.advisor
    assert sanne.anonymised_at is not None and sanne.family_name == ""


def test_refusal_needs_a_reason_and_names_the_field(client, fund):
    sanne = fund.participant()
    request = services.request_erasure(sanne, by=fund.advisor, reason="Wil eruit")
    client.force_login(fund.colleague)
    response = client.post(
        reverse("privacy:erasure_detail", args=[request.pk]), {"decision": "refuse"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["decision_reason"]
    response = client.post(reverse("privacy:erasure_detail", args=[request.pk]), {})
    assert response.context["form"].errors["decision"]
    request.refresh_from_db()
    assert request.status == ErasureStatus.OPEN


def test_an_open_plan_blocks_approval(client, fund):
    sanne = fund.participant()
    approved_plan(fund, sanne)
    request = services.request_erasure(sanne, by=fund.advisor, reason="Wil eruit")
    client.force_login(fund.colleague)
    response = client.post(
        reverse("privacy:erasure_detail", args=[request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 400
    assert "open training plan" in str(response.context["form"].non_field_errors()) or (
        "open scholingsplan" in str(response.context["form"].non_field_errors())
    )
    sanne.refresh_from_db()
    assert sanne.anonymised_at is None


def test_a_request_is_decided_once_and_needs_a_reason(fund):
    from django.core.exceptions import ValidationError

    sanne = fund.participant()
    with pytest.raises(ValidationError):
        services.request_erasure(sanne, by=fund.advisor, reason="  ")
    request = services.request_erasure(sanne, by=fund.advisor, reason="Wil eruit")
    services.decide_erasure(request, by=fund.colleague, approve=False, reason="Lopende controle")
    with pytest.raises(ValidationError):
        services.decide_erasure(request, by=fund.colleague, approve=True)


def test_advisor_records_a_request_on_behalf(client, fund):
    sanne = fund.participant()
    client.force_login(fund.advisor)
    url = reverse("privacy:erasure_new", args=[sanne.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"]
    response = client.post(url, {"reason": "Per brief"})
    request = ErasureRequest.objects.get()
    assert response.url == reverse("privacy:erasure_detail", args=[request.pk])
    assert request.requested_by == fund.advisor


# --- Four eyes ---------------------------------------------------------------------------


def test_the_requester_cannot_decide_their_own_erasure_request(client, fund):
    from django.core.exceptions import ValidationError

    sanne = fund.participant()
    request = services.request_erasure(sanne, by=fund.advisor, reason="Per brief")
    with pytest.raises(ValidationError):
        services.decide_erasure(request, by=fund.advisor, approve=True)
    client.force_login(fund.advisor)
    page = client.get(reverse("privacy:erasure_detail", args=[request.pk]))
    assert page.status_code == 200 and 'name="decision"' not in page.content.decode()
    response = client.post(
        reverse("privacy:erasure_detail", args=[request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 400
    request.refresh_from_db()
    sanne.refresh_from_db()
    assert request.status == ErasureStatus.OPEN and sanne.anonymised_at is None


@pytest.mark.parametrize("decider", ["colleague", "fund_officer"])
def test_a_colleague_or_a_fund_officer_decides(client, fund, decider):
    sanne = fund.participant()
    request = services.request_erasure(sanne, by=fund.advisor, reason="Per brief")
    client.force_login(getattr(fund, decider))
    response = client.post(
        reverse("privacy:erasure_detail", args=[request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ErasureStatus.APPROVED
    assert request.decided_by == getattr(fund, decider)


def test_an_advisor_of_another_organisation_never_sees_the_request(client, fund):
    sanne = fund.participant()
    request = services.request_erasure(sanne, by=fund.advisor, reason="Per brief")
    client.force_login(fund.other_advisor)
    assert f"#{request.pk}" not in client.get(reverse("privacy:erasure_list")).content.decode()
    detail = reverse("privacy:erasure_detail", args=[request.pk])
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"decision": "approve"}).status_code == 404
    new = reverse("privacy:erasure_new", args=[sanne.pk])
    assert client.post(new, {"reason": "x"}).status_code == 404
    request.refresh_from_db()
    assert request.status == ErasureStatus.OPEN


def test_data_exports_are_written_to_the_audit_trail(client, fund):
    from auditlog.models import LogEntry

    sanne = with_login(fund.participant())
    client.force_login(fund.advisor)
    client.get(reverse("privacy:participant_data", args=[sanne.pk]))
    client.force_login(sanne.user)
    client.get(reverse("privacy:my_data_download"))
    events = LogEntry.objects.filter(additional_data__event="personal_data_exported")
    assert sorted(e.actor_id for e in events) == sorted([fund.advisor.pk, sanne.user_id])
    assert {e.object_pk for e in events} == {str(sanne.pk)}


def test_the_audit_trail_gives_the_anonymisation_reason_in_the_readers_language(
    fund, settings, client
):
    settings.VAKMANSCHAP_RETENTION_DAYS = 30
    old = fund.participant(given_name="Oud")
    Participant.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert services.anonymise_expired() == 1
    client.force_login(fund.fund_officer)
    pages = {}
    for language in ("nl", "en"):
        client.cookies["django_language"] = language
        pages[language] = client.get(reverse("audit:search")).content.decode()
    assert "(bewaartermijn verstreken)" in pages["nl"] and "retention period" not in pages["nl"]
    assert "(retention period ended)" in pages["en"]
