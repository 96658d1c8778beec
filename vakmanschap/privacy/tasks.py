"""Background work: anonymise closed files whose retention period has ended (run daily)."""

from django_tasks import task


@task()
def anonymise_expired_task() -> int:
    from .services import anonymise_expired

    return anonymise_expired()
