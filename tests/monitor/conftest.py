import datetime

import pytest
from django.utils import timezone

from tests.delivery.conftest import BIRTH, DeliveryWorld, pdf
from vakmanschap.delivery import services as delivery
from vakmanschap.followup import services as followup
from vakmanschap.followup.models import FollowUp
from vakmanschap.funding.cheques import redeem
from vakmanschap.funding.models import Cheque
from vakmanschap.funding.plans import approve, submit
from vakmanschap.guidance import services as guidance
from vakmanschap.region.models import LabourMarketRegion, Municipality


class MonitorWorld(DeliveryWorld):
    """30 people of Twente on the fund path, each stopping at a known step, and 3 people of a
    second region who go all the way (they must never show up in Twente's figures)."""

    def __init__(self):
        super().__init__()
        self.twente = LabourMarketRegion.objects.home()
        Municipality.objects.filter(pk=self.enschede.pk).update(region=self.twente)
        self.hengelo = Municipality.objects.create(
            cbs_code="GM0164", name="Hengelo", region=self.twente
        )
        self.achterhoek = LabourMarketRegion.objects.create(code="achterhoek", name="Achterhoek")
        self.aalten = Municipality.objects.create(
            cbs_code="GM0197", name="Aalten", region=self.achterhoek
        )
        self.scheme.municipalities.add(self.hengelo, self.aalten)
        self.n = 0
        self.people = [self.walk(i) for i in range(30)]
        for _ in range(3):
            self.walk(0, municipality=self.aalten)

    def walk(self, i, municipality=None):
        """i < 24 conversation; < 18 approved; < 14 started; < 10 completed; 10, 11 drop out
        after the start; completed i < 8 answer the 6-month follow-up, i < 6 in work, of whom
        the even ones work more hours than before.
        Every third person lives in Hengelo; every fourth is unemployed (a target group)."""
        self.n += 1
        municipality = municipality or (self.hengelo if i % 3 == 0 else self.enschede)
        person = self.participant(
            family_name=f"Persoon {self.n}",
            email=f"p{self.n}@example.org",
            municipality=municipality,
            work_situation="unemployed" if i % 4 == 0 else "employed_full_time",
        )
        if i >= 24:
            return person
        conversation = guidance.schedule(
            person, advisor=self.advisor, scheduled_at=timezone.now() - datetime.timedelta(days=1)
        )
        guidance.record_held(conversation, by=self.advisor, notes="", outcome="Plan", next_step="")
        if i >= 18:
            return person
        plan = self.plan(participant=person)
        submit(plan, by=self.advisor)
        ((_, code),) = approve(plan, by=self.fund_officer).codes.items()
        cheque = redeem(
            provider=self.provider, user=self.provider_user, code=code, birth_date=BIRTH
        )
        if i >= 14:
            return person
        # Issued two days ago and started yesterday: a course is not completed on its start day.
        Cheque.objects.filter(pk=cheque.pk).update(
            issued_at=timezone.now() - datetime.timedelta(days=2)
        )
        cheque.refresh_from_db()
        cheque = delivery.declare_start(
            cheque,
            by=self.provider_user,
            start_date=timezone.localdate() - datetime.timedelta(days=1),
        )
        if i in (10, 11):
            delivery.drop_out(cheque, by=self.provider_user, reason="Verhuisd")
        if i >= 10:
            return person
        cheque = delivery.complete(cheque, by=self.provider_user, certificate=pdf(), percent=100)
        if i >= 8:
            return person
        Cheque.objects.filter(pk=cheque.pk).update(
            finished_at=timezone.now() - datetime.timedelta(days=190)
        )
        (follow_up,) = followup.schedule_due()
        followup.record_answers(
            follow_up,
            {
                "work_situation": "employed" if i < 6 else "seeking",
                "hours_per_week": 32 if i < 6 else None,
                "more_hours": (i % 2 == 0) if i < 6 else None,
                "occupation_relation": "trained_for" if i < 3 else ("related" if i < 5 else ""),
                "helpfulness": 4,
            },
            "phone",
            by=self.advisor,
        )
        assert FollowUp.objects.filter(plan=plan, answered_at__isnull=False).exists()
        return person


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return MonitorWorld()
