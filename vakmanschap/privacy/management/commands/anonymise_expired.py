from django.core.management.base import BaseCommand

from vakmanschap.privacy.services import anonymise_expired, expired_participants, retention_days
from vakmanschap.privacy.tasks import anonymise_expired_task


class Command(BaseCommand):
    help = "Anonymise closed participant files whose retention period has ended."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the files that would be anonymised."
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Run it as a background task instead."
        )

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        days = retention_days()
        if dry_run:
            count = expired_participants().count()
            self.stdout.write(
                f"{count} file(s) closed more than {days} days ago would be anonymised."
            )
            return
        if enqueue:
            result = anonymise_expired_task.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        count = anonymise_expired()
        self.stdout.write(
            self.style.SUCCESS(f"Anonymised {count} file(s) (retention {days} days).")
        )
