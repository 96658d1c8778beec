from django.core.management.base import BaseCommand

from vakmanschap.monitor import summary_tables


class Command(BaseCommand):
    help = "Refresh the monitor's summary tables from the records (the daily job does it too)."

    def handle(self, *args, **options):
        self.stdout.write(summary_tables.run_daily())
