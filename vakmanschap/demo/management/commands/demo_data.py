from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from vakmanschap.demo.services import load_demo_data


class Command(BaseCommand):
    help = (
        "Load the Twente demo data (municipalities, organisations, courses, accounts). Idempotent."
    )

    def handle(self, *args, **options):
        try:
            counts = load_demo_data()
        except (ImproperlyConfigured, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
