"""Listen to the state machines and send e-mail once the change is committed.

django-fsm's `post_transition` fires inside the transaction, before the row is saved; the
mail is queued with `transaction.on_commit`, so a rolled-back change never sends anything.
The hook only enqueues a background task (`tasks`); the worker builds the messages from the
saved rows, so the change's request does not read or render anything for them.
"""

from django.db import transaction
from django.dispatch import receiver
from django_fsm.signals import post_transition

from vakmanschap.funding.cheques import code_reissued
from vakmanschap.funding.models import Cheque, TrainingPlan

from . import emails, tasks


def _after_commit(mail_task, *args):
    """Enqueue the mails once the change is committed; a failure to enqueue (the database gone right after the
    commit) is logged and never turns the committed change into an error. A closure, not
    functools.partial: Django names a failing robust hook by its `__qualname__`, which a
    partial lacks, so the failure became an AttributeError after all."""
    transaction.on_commit(lambda: mail_task.enqueue(*args), robust=True)


@receiver(post_transition, sender=TrainingPlan, dispatch_uid="notifications.plan")
def on_plan_transition(sender, instance, name, source, target, **kwargs):
    if target in emails.PLAN_EVENTS:
        _after_commit(tasks.plan_event_mails, instance.pk, str(target))


@receiver(post_transition, sender=Cheque, dispatch_uid="notifications.cheque")
def on_cheque_transition(sender, instance, name, source, target, **kwargs):
    if target in emails.CHEQUE_EVENTS:
        _after_commit(tasks.cheque_event_mails, instance.pk, str(target))


@receiver(code_reissued, sender=Cheque, dispatch_uid="notifications.code_reissued")
def on_code_reissued(sender, cheque, old_last4, **kwargs):
    _after_commit(tasks.code_reissued_mails, cheque.pk, old_last4)
