from django.core.management.base import BaseCommand, CommandError, no_translations

from vakmanschap.monitor.csv_files import CsvImportError
from vakmanschap.monitor.welfare import SAMPLE, import_marks


class Command(BaseCommand):
    help = (
        "Import broad-welfare marks per region, year, source and dimension from CSV "
        "(region_code, year, source, dimension, mark; layout in docs/monitor-data.md). Default: "
        "the sample file vakmanschap/monitor/samples/broad_welfare.csv. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="?", default=str(SAMPLE))

    @no_translations
    def handle(self, *args, csv, **options):
        try:
            count = import_marks(csv)
        except CsvImportError as exc:
            raise CommandError(f"{csv}: {exc}", returncode=1) from None
        self.stdout.write(f"Imported {count} broad-welfare marks.")
