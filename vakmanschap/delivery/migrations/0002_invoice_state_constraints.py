"""Each invoice state carries who moved it there and when. Missing actors and moments are taken
from the state log (django-fsm-log) of that transition; missing moments otherwise from the
nearest earlier one."""

from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    Invoice = apps.get_model("delivery", "Invoice")
    StateLog = apps.get_model("django_fsm_log", "StateLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="delivery", model="invoice").first()

    def logged(invoice, state):
        if content_type is None:
            return None
        return (
            StateLog.objects.filter(content_type=content_type, object_id=invoice.pk, state=state)
            .order_by("-timestamp")
            .first()
        )

    for invoice in Invoice.objects.filter(state__in=["checked", "approved", "paid"]):
        changed = False
        if invoice.checked_by_id is None or invoice.checked_at is None:
            log = logged(invoice, "checked")
            invoice.checked_by_id = invoice.checked_by_id or (log and log.by_id)
            invoice.checked_at = invoice.checked_at or (log and log.timestamp) or invoice.submitted_at
            changed = True
        if invoice.state != "checked" and (
            invoice.approved_by_id is None
            or invoice.approved_at is None
            or invoice.payable_cents is None
        ):
            log = logged(invoice, "approved")
            invoice.approved_by_id = invoice.approved_by_id or (log and log.by_id)
            invoice.approved_at = invoice.approved_at or (log and log.timestamp) or invoice.checked_at
            if invoice.payable_cents is None:
                invoice.payable_cents = invoice.amount_cents
            changed = True
        if invoice.state == "paid" and invoice.paid_at is None:
            log = logged(invoice, "paid")
            invoice.paid_at = (log and log.timestamp) or invoice.approved_at
            changed = True
        if changed:
            invoice.save()
    Invoice.objects.filter(state="rejected", rejection_reason="").update(
        rejection_reason="(no reason recorded)"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('django_fsm_log', '__first__'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('delivery', '0001_initial'),
        ('funding', '0006_cheque_issued_at_index'),
        ('organisations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state__in', ['checked', 'approved', 'paid']), _negated=True), models.Q(('checked_at__isnull', False), ('checked_by__isnull', False)), _connector='OR'), name='invoice_checked_has_checker'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state__in', ['approved', 'paid']), _negated=True), models.Q(('approved_at__isnull', False), ('approved_by__isnull', False), ('payable_cents__isnull', False)), _connector='OR'), name='invoice_approved_has_approver'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'paid'), _negated=True), models.Q(('batch__isnull', False), ('paid_at__isnull', False)), _connector='OR'), name='invoice_paid_has_batch_and_date'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'rejected'), _negated=True), models.Q(('rejection_reason', ''), _negated=True), _connector='OR'), name='invoice_rejected_has_reason'),
        ),
    ]
