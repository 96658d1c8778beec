import pytest
from django.core import mail
from django.core.management import call_command

from vakmanschap.core.tasks import send_email


@pytest.mark.django_db(transaction=True)
def test_email_task_goes_through_the_database_queue_and_worker(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    from django_tasks_db.models import DBTaskResult

    result = send_email.enqueue(subject="Welkom", body="Hallo", to=["a@example.org"])
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
    assert mail.outbox == []
    call_command("db_worker", batch=True, interval=0)
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert [m.subject for m in mail.outbox] == ["Welkom"]
