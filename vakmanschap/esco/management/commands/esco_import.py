from django.core.management.base import BaseCommand, CommandError, no_translations

from vakmanschap.esco.importer import EscoSourceError, import_esco
from vakmanschap.esco.locate import EscoNotFound, locate_esco_dir


class Command(BaseCommand):
    help = (
        "Import the official ESCO CSV download (zip files and/or folders, any languages). "
        "Without a path, the ESCO folder is looked up (VAKMANSCHAP_ESCO_DIR, data/esco, "
        "../shared/esco/v1.1.1). The ESCO–VDAB competence mapping (Dutch skill labels) may be "
        "given as one more path. Safe to run again: only changes are written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="ESCO zip files, CSV files or folders; optionally the ESCO–VDAB mapping.",
        )
        parser.add_argument(
            "--release",
            dest="esco_version",
            default=None,
            help="ESCO release, e.g. 1.2.0 (default: taken from the file names).",
        )

    @no_translations  # operators' output is English, like Django's own commands
    def handle(self, *args, paths, esco_version, **options):
        try:
            paths = paths or [locate_esco_dir()]
            result = import_esco(paths, version=esco_version)
        except (EscoNotFound, EscoSourceError, OSError) as exc:
            raise CommandError(str(exc), returncode=1) from None
        for line in result.lines():
            self.stdout.write(line)
        if not result.changed:
            self.stdout.write(self.style.SUCCESS("Nothing changed: the database was up to date."))
