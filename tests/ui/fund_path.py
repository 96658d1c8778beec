"""One resident taken along the fund's path by the services, one step at a time, so tests can
read the progress tracker after each step (tests/ui/test_progress.py, tests/e2e)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.models import User
from vakmanschap.accounts.roles import Role
from vakmanschap.delivery import services as delivery
from vakmanschap.funding import plans
from vakmanschap.funding.cheques import redeem
from vakmanschap.funding.models import Cheque
from vakmanschap.guidance import services as guidance

BIRTH = datetime.date(1990, 5, 17)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Each step and the tracker's step that is "now" after it (None: all done).
STEPS = [
    ("sign_up", "conversation"),
    ("schedule_conversation", "conversation"),
    ("hold_conversation", "plan"),
    ("submit_plan", "decision"),
    ("approve", "booked"),
    ("book", "started"),
    ("start", "completed"),
    ("complete", None),
]


class FundPath:
    def __init__(self):
        self.world = FundWorld()
        self.resident: User | None = None
        self.person = None
        self.plan = None
        self.code = ""

    def sign_up(self):
        self.person = self.world.participant()
        self.resident = user_with_role(Role.PARTICIPANT, email="sanne.resident@example.org")
        self.person.user = self.resident
        self.person.save()

    def schedule_conversation(self):
        self.conversation = guidance.schedule(
            self.person,
            advisor=self.world.advisor,
            scheduled_at=timezone.now() - datetime.timedelta(hours=2),
            location="Leerwerkloket, Hengelosestraat 500, Enschede",
        )

    def hold_conversation(self):
        guidance.record_held(
            self.conversation,
            by=self.world.advisor,
            notes="Wil de zorg in.",
            outcome="Plan schrijven.",
            next_step="Scholingsplan voor verzorgende IG.",
        )

    def submit_plan(self):
        self.plan = self.world.plan(participant=self.person)
        plans.submit(self.plan, by=self.world.advisor)

    def approve(self):
        ((_, self.code),) = plans.approve(self.plan, by=self.world.fund_officer).codes.items()
        # Issued three days ago, so the course can have started before today.
        Cheque.objects.filter(plan=self.plan).update(
            issued_at=timezone.now() - datetime.timedelta(days=3)
        )

    @property
    def cheque(self) -> Cheque:
        return Cheque.objects.get(plan=self.plan)

    def book(self):
        redeem(
            provider=self.world.provider,
            user=self.world.provider_user,
            code=self.code,
            birth_date=BIRTH,
        )

    def start(self):
        delivery.declare_start(
            self.cheque,
            by=self.world.provider_user,
            start_date=timezone.localdate() - datetime.timedelta(days=2),
        )

    def complete(self):
        delivery.complete(
            self.cheque,
            by=self.world.provider_user,
            certificate=SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf"),
            percent=95,
        )
