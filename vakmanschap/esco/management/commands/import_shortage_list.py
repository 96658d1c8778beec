from django.core.management.base import BaseCommand, CommandError, no_translations

from vakmanschap.esco.shortage_import import (
    ShortageImportError,
    import_shortage_list,
    parse_date,
)


def _date(option, value):
    if value is None or hasattr(value, "isoformat"):
        return value
    try:
        return parse_date(value)
    except ValueError:
        raise CommandError(
            f"{option}: “{value}” is not a date (use YYYY-MM-DD).", returncode=1
        ) from None


class Command(BaseCommand):
    help = (
        "Import a shortage-occupation list (Kansberoepenlijst) from CSV as a dated list "
        "version. Columns: esco_uri or isco_code; optional region, valid_from, valid_to, "
        "sector, label_nl, basis. Importing the same list with the same dates again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", help="CSV file.")
        parser.add_argument(
            "--valid-from",
            dest="valid_from",
            default=None,
            help="First day the list is valid (YYYY-MM-DD), if the file has no valid_from column.",
        )
        parser.add_argument(
            "--valid-to",
            dest="valid_to",
            default=None,
            help="Last day the list is valid (default: open-ended).",
        )
        parser.add_argument(
            "--region",
            default=None,
            help="Labour-market region code, if the file has no region column "
            "(default: the fund's home region).",
        )

    @no_translations  # operators' output is English, like Django's own commands
    def handle(self, *args, csv, valid_from, valid_to, region, **options):
        valid_from = _date("--valid-from", valid_from)
        valid_to = _date("--valid-to", valid_to)
        try:
            result = import_shortage_list(
                csv, valid_from=valid_from, valid_to=valid_to, region=region
            )
        except ShortageImportError as exc:
            raise CommandError(f"{csv}: {exc}", returncode=1) from None
        for version in result.created:
            self.stdout.write(
                f"Imported shortage list {version} ({version.entries.count()} occupations)."
            )
        for version in result.existing:
            self.stdout.write(f"Already imported: shortage list {version}; nothing added.")
