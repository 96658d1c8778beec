"""The monitor's benchmark fill (PostgreSQL) spreads its cheques over a year with the counting
triggers off, and leaves the course cap's per-day counts exactly as the cheques say."""

from vakmanschap.accounts.models import User
from vakmanschap.funding import course_cap
from vakmanschap.funding.models import Cheque
from vakmanschap.monitor import bench


def test_the_fill_leaves_the_cap_counts_true(postgres_only):
    bench.fill(80, 0, User.objects.create(email="bench@example.org"))
    kept = course_cap.kept()
    assert kept == course_cap.recount()
    assert len({day for _course, day in kept}) > 1  # spread over days, not all on today
    assert sum(kept.values()) == Cheque.objects.exclude(state="cancelled").count() > 0
