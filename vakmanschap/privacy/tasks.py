"""Background work: anonymise closed files whose retention period has ended (run daily)."""

from django_tasks import task

from .services import anonymise_expired


@task()
def anonymise_expired_task() -> int:
    return anonymise_expired()
