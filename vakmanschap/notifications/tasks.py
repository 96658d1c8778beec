"""The step e-mails, made and sent by the background worker (`vakmanschap db_worker`).

A committed change only enqueues one of these (a single small row); reading the plan or cheque,
finding the recipients and rendering the messages in their languages happens here, outside the
fund officer's request and after the budget lock is long released."""

from django_tasks import task

from . import emails


@task()
def plan_event_mails(plan_id: int, event: str) -> None:
    emails.plan_event(plan_id, event)


@task()
def cheque_event_mails(cheque_id: int, event: str) -> None:
    emails.cheque_event(cheque_id, event)


@task()
def code_reissued_mails(cheque_id: int, old_last4: str) -> None:
    emails.code_reissued(cheque_id, old_last4)
