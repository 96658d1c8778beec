import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import bare_cheques, user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.funding import budget_queue, ledger
from vakmanschap.funding.models import Cheque
from vakmanschap.funding.plans import approve, reject, return_for_changes, submit
from vakmanschap.people.models import Participant


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_submit_and_approve_mail_the_participant_and_the_provider(
    fund, django_capture_on_commit_callbacks
):
    sanne = fund.participant(email="sanne@example.org")
    plan = fund.plan(participant=sanne, courses=[fund.course, fund.course_b])
    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, by=fund.advisor)
    [submitted] = sent_to("sanne@example.org")
    assert submitted.subject == "Uw scholingsplan is naar het fonds gestuurd"
    with django_capture_on_commit_callbacks(execute=True):
        decision = approve(plan, by=fund.fund_officer)
    approved = sent_to("sanne@example.org")[-1]
    assert "goedgekeurd" in approved.subject
    assert "Verzorgende IG" in approved.body and "Lasser" in approved.body
    for code in decision.codes.values():  # codes are secrets: never in e-mail
        assert code not in approved.body
    # Each provider hears about its own cheque only.
    [issued] = sent_to(fund.provider_user.email)
    assert "Verzorgende IG" in issued.body and "Lasser" not in issued.body
    assert "Sanne" not in issued.body
    [other] = sent_to(fund.other_provider_user.email)
    assert "Lasser" in other.body and "Verzorgende" not in other.body


def test_the_recipients_language_is_used(fund, django_capture_on_commit_callbacks):
    user = user_with_role(Role.PARTICIPANT, email="piet@example.org", preferred_language="en")
    piet = fund.participant(given_name="Piet", family_name="Jansen")
    Participant.objects.filter(pk=piet.pk).update(user=user)
    plan = fund.plan(participant=piet)
    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, by=fund.advisor)
    [message] = sent_to("piet@example.org")
    assert message.subject == "Your training plan has been sent to the fund"
    assert message.body.startswith("Dear Piet,")
    assert not sent_to("sanne@example.org")


def test_rejected_returned_and_waiting_list(fund, django_capture_on_commit_callbacks):
    plan = fund.plan()
    submit(plan, by=fund.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        return_for_changes(plan, by=fund.fund_officer, reason="Onderbouwing ontbreekt")
    submit(plan, by=fund.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        reject(plan, by=fund.fund_officer, reason="Geen kansberoep")
    subjects = [m.subject for m in mail.outbox]
    assert "Uw scholingsplan wordt aangepast" in subjects
    rejected = mail.outbox[-1]
    assert "Geen kansberoep" in rejected.body
    mail.outbox.clear()
    poor = fund.participant(given_name="Piet", family_name="Jansen", email="piet@example.org")
    big = fund.plan(participant=poor)
    # Use up the budget, so the approval has to queue.
    [hold] = bare_cheques(fund.period, 1)
    ledger.post(fund.period.pk, "reserve", ledger.balances(fund.period).available, hold)
    submit(big, by=fund.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        approve(big, by=fund.fund_officer)
    [waiting] = sent_to("piet@example.org")
    assert "wachtlijst" in waiting.subject


def test_cheque_steps_mail_both_sides(fund, django_capture_on_commit_callbacks):
    sanne = fund.participant(email="sanne@example.org")
    plan = fund.plan(participant=sanne)
    submit(plan, by=fund.advisor)
    approve(plan, by=fund.fund_officer)
    cheque = plan.cheques.get()
    for step in ("book", "start", "complete"):
        with django_capture_on_commit_callbacks(execute=True):
            cheque = Cheque.objects.get(pk=cheque.pk)
            cheque.attendance_percent = 95  # completing needs the attendance
            # ... and a start before today (a course is not completed on its start date)
            cheque.start_date = timezone.localdate() - datetime.timedelta(days=1)
            getattr(cheque, step)(by=None)
            cheque.save()
    assert len(sent_to("sanne@example.org")) == 3
    assert len(sent_to(fund.provider_user.email)) == 3
    assert not sent_to(fund.other_provider_user.email)


def test_expiry_mails_and_a_rollback_mails_nothing(fund, django_capture_on_commit_callbacks):
    sanne = fund.participant(email="sanne@example.org")
    plan = fund.plan(participant=sanne)
    submit(plan, by=fund.advisor)
    approve(plan, by=fund.fund_officer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        budget_queue.expire_overdue(now=timezone.now() + datetime.timedelta(days=400))
    assert callbacks
    assert "verlopen" in sent_to("sanne@example.org")[-1].subject
    assert "verlopen" in sent_to(fund.provider_user.email)[-1].subject

    from django.db import transaction

    other = fund.plan(participant=fund.participant(given_name="Kim", email="kim@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                submit(other, by=fund.advisor)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert not sent_to("kim@example.org")


def test_anonymised_participants_get_no_mail(fund, django_capture_on_commit_callbacks):
    sanne = fund.participant(email="sanne@example.org")
    plan = fund.plan(participant=sanne)
    Participant.objects.filter(pk=sanne.pk).update(anonymised_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, by=fund.advisor)
    assert not sent_to("sanne@example.org")


@pytest.mark.django_db(transaction=True)
def test_an_approval_only_enqueues_and_the_worker_writes_the_mails(settings):
    """The approval enqueues one task after its commit and renders nothing itself; the worker
    reads the plan and sends the mails, each provider hearing of its own cheque."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    fund = FundWorld()
    plan = submit(fund.plan(courses=[fund.course, fund.course_b]), by=fund.advisor)
    mail.outbox.clear()
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    approve(plan, by=fund.fund_officer)
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.filter(status="READY")
    assert queued.task_path.endswith("plan_event_mails")
    call_command("db_worker", batch=True, interval=0)
    assert "goedgekeurd" in sent_to("sanne@example.org")[-1].subject
    assert len(sent_to(fund.provider_user.email)) == 1
    assert len(sent_to(fund.other_provider_user.email)) == 1
