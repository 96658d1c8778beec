from django.core.management.base import BaseCommand, CommandError, no_translations

from vakmanschap.region.importer import RegionImportError, import_regions


class Command(BaseCommand):
    help = (
        "Import municipalities and their labour-market regions from CSV (columns cbs_code, "
        "name; optional region_code, region_name). All or nothing; running it again updates."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", help="CSV file.")
        parser.add_argument("--region", default=None, help="Region code, if the file has none.")
        parser.add_argument("--region-name", dest="region_name", default=None)

    @no_translations
    def handle(self, *args, csv, region, region_name, **options):
        try:
            result = import_regions(csv, region_code=region, region_name=region_name)
        except RegionImportError as exc:
            raise CommandError(f"{csv}: {exc}", returncode=1) from None
        self.stdout.write(
            f"Imported {result.municipalities} municipalities in {result.regions} region(s)."
        )
