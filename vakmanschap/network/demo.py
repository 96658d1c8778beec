"""Demo content of the employers' network: profiles and iKBiNDR pledges for the demo employers.

`load_network_demo()` is called by the demo loader after the employers exist (demo/data.py,
EMPLOYERS). Idempotent: existing profiles and pledges are left as they are.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from vakmanschap.demo import data
from vakmanschap.organisations.models import Organisation

from .models import EmployerProfile, NetworkMembership

# Per demo employer (same order as data.EMPLOYERS): SBI section, size class, and the pledge:
# (days before today it started, commitments, publicly listed) or None for "not a member".
PROFILES = [
    ("Q", "250+", (700, "development_conversation learning_budget learning_work_places yearly_scan network_meetings", True)),
    ("Q", "250+", (520, "development_conversation learning_budget learning_work_places yearly_scan", True)),
    ("Q", "50-249", (400, "development_conversation learning_work_places yearly_scan", True)),
    ("C", "50-249", (345, "development_conversation learning_budget learning_work_places yearly_scan network_meetings", True)),
    ("F", "10-49", (300, "learning_work_places yearly_scan network_meetings", True)),
    ("C", "50-249", (250, "development_conversation yearly_scan", False)),
    ("C", "10-49", (200, "learning_work_places yearly_scan network_meetings", True)),
    ("J", "10-49", (150, "development_conversation learning_budget yearly_scan network_meetings", True)),
    ("H", "50-249", (90, "development_conversation learning_work_places yearly_scan", True)),
    ("Q", "10-49", None),
]


def _one_year_after(day):
    return NetworkMembership.one_year_after(day)


@transaction.atomic
def load_network_demo(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    profiles = memberships = 0
    for (_name, kvk, _cbs), (sector, size_class, pledge) in zip(data.EMPLOYERS, PROFILES, strict=True):
        organisation = Organisation.objects.get(kvk_number=kvk)
        _profile, created = EmployerProfile.objects.get_or_create(
            organisation=organisation, defaults={"sector": sector, "size_class": size_class})
        profiles += created
        if pledge is None or NetworkMembership.objects.filter(organisation=organisation).exists():
            continue
        days_ago, commitments, listed = pledge
        start = today - datetime.timedelta(days=days_ago)
        renewal = _one_year_after(start)
        while renewal < today:  # members renewed every year so far
            renewal = _one_year_after(renewal)
        NetworkMembership.objects.create(
            organisation=organisation, start_date=start, renewal_date=renewal, public_listing=listed,
            **{c: True for c in commitments.split()},
        )
        memberships += 1
    return {"employer_profiles": profiles, "network_memberships": memberships}
