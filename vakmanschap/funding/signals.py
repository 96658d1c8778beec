"""A participant's file closes when their plan ends, and opens again with a new plan; the
retention period for anonymisation (privacy app) counts from `Participant.closed_at`."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django_fsm.signals import post_transition

from vakmanschap.people.models import Participant

from .models import PlanState, TrainingPlan

ENDED = {PlanState.COMPLETED, PlanState.DROPPED_OUT, PlanState.REJECTED, PlanState.CLOSED}


@receiver(post_transition, sender=TrainingPlan)
def close_file_when_the_plan_ends(sender, instance, target, **kwargs):
    if target in ENDED:
        Participant.objects.filter(pk=instance.participant_id).update(closed_at=timezone.now())


@receiver(post_save, sender=TrainingPlan)
def reopen_file_for_a_new_plan(sender, instance, created, **kwargs):
    if created:
        Participant.objects.filter(pk=instance.participant_id).update(closed_at=None)
