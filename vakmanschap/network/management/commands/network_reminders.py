from django.core.management.base import BaseCommand

from vakmanschap.network.services import DEFAULT_REMINDER_DAYS, send_renewal_reminders


class Command(BaseCommand):
    help = "E-mail iKBiNDR members whose yearly renewal is due within N days (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_REMINDER_DAYS,
            help="Remind this many days before the renewal date (default 30).",
        )

    def handle(self, *args, days, **options):
        sent = send_renewal_reminders(days=days)
        self.stdout.write(f"{sent} renewal reminder(s) queued.")
