from django.core.management.base import BaseCommand

from vakmanschap.funding.budget_queue import expire_overdue


class Command(BaseCommand):
    help = "Expire cheques not booked within their validity, release their money and fund the waiting list (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_overdue()} cheques expired.")
