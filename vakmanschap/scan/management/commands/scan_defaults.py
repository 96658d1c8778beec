from django.core.management.base import BaseCommand

from vakmanschap.scan.defaults import load_defaults
from vakmanschap.scan.models import Dimension, Instrument, Item, Questionnaire


class Command(BaseCommand):
    help = "Create the default questionnaire (version 1, Dutch and English) and instruments if missing."

    def handle(self, *args, **options):
        created = load_defaults(Questionnaire, Dimension, Item, Instrument)
        self.stdout.write(
            "Questionnaire version 1 created."
            if created
            else "Questionnaire version 1 already present."
        )
