from django.core.management.base import BaseCommand, CommandError, no_translations

from vakmanschap.monitor.csv_files import CsvImportError
from vakmanschap.monitor.potential import SAMPLE, import_potential


class Command(BaseCommand):
    help = (
        "Import untapped labour potential per municipality and year from CSV (cbs_code, year, "
        "total, part_time_wants_more, unemployed, status_holders). Default: the sample file "
        "vakmanschap/monitor/samples/labour_potential.csv. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="?", default=str(SAMPLE))

    @no_translations
    def handle(self, *args, csv, **options):
        try:
            count = import_potential(csv)
        except CsvImportError as exc:
            raise CommandError(f"{csv}: {exc}", returncode=1) from None
        self.stdout.write(f"Imported labour potential for {count} municipality-years.")
