"""Data for `make bench-surge` (vakmanschap.testing.surge): a municipality for the sign-up form
and a few signed-up residents who are logged in; prints their session cookies as JSON."""

import datetime
import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from vakmanschap.people import services
from vakmanschap.region.models import Municipality


class Command(BaseCommand):
    help = "Seed the surge benchmark: a municipality and logged-in residents (JSON on stdout)."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=20)

    def handle(self, *args, participants, **options):
        municipality, _ = Municipality.objects.get_or_create(
            cbs_code="GM0153", defaults={"name": "Enschede"}
        )
        sessions = []
        for i in range(participants):
            email = f"surge-resident-{i}@example.org"
            user = services.sign_up(
                email=email,
                given_name="Surge",
                family_name=f"Resident {i}",
                birth_date=datetime.date(1980, 1, 1) + datetime.timedelta(days=37 * i),
                postcode="7511 AB",
                municipality=municipality,
                phone="",
                education_level="mbo2",
                work_situation="unemployed",
                current_job="",
                training_wish="",
                consent_purpose="surge benchmark",
                privacy_version="bench",
            )
            client = Client()
            client.force_login(user, backend="vakmanschap.accounts.backends.EmailBackend")
            sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
        self.stdout.write(
            json.dumps(
                {
                    "municipality": municipality.pk,
                    "session_cookie": settings.SESSION_COOKIE_NAME,
                    "sessions": sessions,
                }
            )
        )
