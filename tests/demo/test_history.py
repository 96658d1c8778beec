import datetime

import pytest
from django.core.management import call_command

from tests.conftest import shared_data
from vakmanschap.demo.history import load_monitor_history
from vakmanschap.esco.models import Concept, ShortageList, ShortageOccupation
from vakmanschap.followup.models import FollowUp
from vakmanschap.monitor import figures
from vakmanschap.region.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


def test_a_year_of_history_makes_the_monitor_look_alive(settings, tmp_path):
    settings.DEMO_MODE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    shared_data("twente", "municipalities.csv")
    call_command("demo_data")
    assert load_monitor_history(20) == 0  # no shortage list yet: nothing
    nurse = Concept.objects.create(uri="http://example.org/nurse", kind="occupation")
    ShortageOccupation.objects.create(
        shortage_list=ShortageList.objects.create(valid_from=datetime.date(2020, 1, 1)),
        occupation=nurse,
        sector="zorg",
    )
    assert load_monitor_history(60) == 60
    assert load_monitor_history(60) == 0  # idempotent
    today = datetime.date.today()
    data = figures.summary(
        LabourMarketRegion.objects.home(),
        figures.Period(today - datetime.timedelta(days=400), today),
    )
    assert data["signed_up"] >= 60 and data["completed"] > 0 and data["conversations"] > 0
    assert FollowUp.objects.filter(answered_at__isnull=False).exists()
    # More hours is answered by those in work only, and both ways.
    answered = FollowUp.objects.filter(answered_at__isnull=False)
    in_work = answered.filter(work_situation__in=["employed", "self_employed"])
    assert set(in_work.values_list("more_hours", flat=True)) == {True, False}
    assert not answered.exclude(pk__in=in_work).filter(more_hours__isnull=False).exists()
    assert sum(1 for m in data["by_municipality"] if m["signed_up"]) >= 10
