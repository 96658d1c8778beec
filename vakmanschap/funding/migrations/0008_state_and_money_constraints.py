"""The rules of plans and cheques that lived only in Python, as check constraints.

Backfill first, so existing rows satisfy them:
- a plan's fund amount is its total minus the own contribution;
- an author recorded as first approver never counted: the approval is undone (back to
  submitted when the plan waited for a second approver);
- moments missing for a state are taken from the state log (django-fsm-log) of the transition
  into it, else from the nearest earlier moment;
- a completed cheque without attendance gets 100 %: that is how it was paid (a missing
  attendance never reduced a payment).
"""

import django.db.models.expressions
from django.conf import settings
from django.db import migrations, models


DECIDED = ["rejected", "waiting_list", "approved", "in_training", "completed", "dropped_out", "closed"]
BOOKED = ["booked", "started", "completed", "dropped_out"]


def _logged(apps, model, pk, states):
    StateLog = apps.get_model("django_fsm_log", "StateLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="funding", model=model).first()
    if content_type is None:
        return None
    log = (
        StateLog.objects.filter(content_type=content_type, object_id=pk, state__in=states)
        .order_by("timestamp")
        .first()
    )
    return log.timestamp if log else None


def backfill(apps, schema_editor):
    TrainingPlan = apps.get_model("funding", "TrainingPlan")
    Cheque = apps.get_model("funding", "Cheque")
    F = models.F
    TrainingPlan.objects.exclude(
        fund_amount_cents=F("total_cents") - F("own_contribution_cents")
    ).update(fund_amount_cents=F("total_cents") - F("own_contribution_cents"))
    TrainingPlan.objects.filter(first_approver=F("author"), state="second_approval").update(
        state="submitted"
    )
    TrainingPlan.objects.filter(first_approver=F("author")).update(first_approver=None)
    TrainingPlan.objects.filter(state="second_approval", first_approver__isnull=True).update(
        state="submitted"
    )
    for plan in TrainingPlan.objects.exclude(state="draft").filter(
        models.Q(submitted_at__isnull=True) | models.Q(application_date__isnull=True)
    ):
        plan.submitted_at = plan.submitted_at or (
            _logged(apps, "trainingplan", plan.pk, ["submitted"]) or plan.created_at
        )
        plan.application_date = plan.application_date or plan.submitted_at.date()
        plan.save(update_fields=["submitted_at", "application_date"])
    for plan in TrainingPlan.objects.filter(state__in=DECIDED, decided_at__isnull=True):
        plan.decided_at = (
            _logged(apps, "trainingplan", plan.pk, DECIDED) or plan.submitted_at or plan.created_at
        )
        plan.save(update_fields=["decided_at"])
    for cheque in Cheque.objects.filter(state__in=BOOKED, booked_at__isnull=True):
        cheque.booked_at = _logged(apps, "cheque", cheque.pk, ["booked"]) or cheque.issued_at
        cheque.save(update_fields=["booked_at"])
    for cheque in Cheque.objects.filter(state__in=["started", "completed"]).filter(
        models.Q(started_at__isnull=True) | models.Q(start_date__isnull=True)
    ):
        cheque.started_at = cheque.started_at or (
            _logged(apps, "cheque", cheque.pk, ["started"]) or cheque.booked_at
        )
        cheque.start_date = cheque.start_date or cheque.started_at.date()
        cheque.save(update_fields=["started_at", "start_date"])
    for cheque in Cheque.objects.filter(
        state__in=["completed", "dropped_out"], finished_at__isnull=True
    ):
        cheque.finished_at = (
            _logged(apps, "cheque", cheque.pk, ["completed", "dropped_out"])
            or cheque.started_at
            or cheque.booked_at
        )
        cheque.save(update_fields=["finished_at"])
    Cheque.objects.filter(state="completed", attendance_percent__isnull=True).update(
        attendance_percent=100
    )


class Migration(migrations.Migration):

    dependencies = [
        ('esco', '0002_covered_fk_indexes'),
        ('funding', '0007_region_fk'),
        ('organisations', '0001_initial'),
        ('people', '0003_duplicate_pair_in_order'),
        ('django_fsm_log', '__first__'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='cheque',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state__in', ['booked', 'started', 'completed', 'dropped_out']), _negated=True), ('booked_at__isnull', False), _connector='OR'), name='cheque_booked_has_date'),
        ),
        migrations.AddConstraint(
            model_name='cheque',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state__in', ['started', 'completed']), _negated=True), models.Q(('start_date__isnull', False), ('started_at__isnull', False)), _connector='OR'), name='cheque_started_has_dates'),
        ),
        migrations.AddConstraint(
            model_name='cheque',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state__in', ['completed', 'dropped_out']), _negated=True), ('finished_at__isnull', False), _connector='OR'), name='cheque_finished_has_date'),
        ),
        migrations.AddConstraint(
            model_name='cheque',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'completed'), _negated=True), ('attendance_percent__isnull', False), _connector='OR'), name='cheque_completed_has_attendance'),
        ),
        migrations.AddConstraint(
            model_name='trainingplan',
            constraint=models.CheckConstraint(condition=models.Q(('fund_amount_cents', django.db.models.expressions.CombinedExpression(models.F('total_cents'), '-', models.F('own_contribution_cents')))), name='plan_fund_amount_is_total_minus_contribution'),
        ),
        migrations.AddConstraint(
            model_name='trainingplan',
            constraint=models.CheckConstraint(condition=models.Q(('first_approver__isnull', True), models.Q(('first_approver', models.F('author')), _negated=True), _connector='OR'), name='plan_four_eyes'),
        ),
        migrations.AddConstraint(
            model_name='trainingplan',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'second_approval'), _negated=True), ('first_approver__isnull', False), _connector='OR'), name='plan_second_approval_has_first_approver'),
        ),
        migrations.AddConstraint(
            model_name='trainingplan',
            constraint=models.CheckConstraint(condition=models.Q(('state', 'draft'), models.Q(('application_date__isnull', False), ('submitted_at__isnull', False)), _connector='OR'), name='plan_submitted_has_dates'),
        ),
        migrations.AddConstraint(
            model_name='trainingplan',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state__in', ['rejected', 'waiting_list', 'approved', 'in_training', 'completed', 'dropped_out', 'closed']), _negated=True), ('decided_at__isnull', False), _connector='OR'), name='plan_decided_has_date'),
        ),
    ]
