"""Demo content of the employers' network: profiles and iKBiNDR pledges for the demo employers.

`load_network_demo()` is called by the demo loader after the employers exist (demo/data.py,
EMPLOYERS). Idempotent: existing profiles and pledges are left as they are.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from vakmanschap.esco.models import Concept
from vakmanschap.network.models import EmployerProfile, NetworkMembership
from vakmanschap.network.tokens import hash_token, new_token
from vakmanschap.nominations.models import Nomination
from vakmanschap.organisations.models import Organisation
from vakmanschap.vacancies.models import OccupationSource, Vacancy

from . import data

# Per demo employer (same order as data.EMPLOYERS): SBI section, size class, and the pledge:
# (days before today it started, commitments, publicly listed) or None for "not a member".
PROFILES = [
    (
        "Q",
        "250+",
        (
            700,
            "development_conversation learning_budget learning_work_places yearly_scan network_meetings",
            True,
        ),
    ),
    (
        "Q",
        "250+",
        (520, "development_conversation learning_budget learning_work_places yearly_scan", True),
    ),
    ("Q", "50-249", (400, "development_conversation learning_work_places yearly_scan", True)),
    (
        "C",
        "50-249",
        (
            345,
            "development_conversation learning_budget learning_work_places yearly_scan network_meetings",
            True,
        ),
    ),
    ("F", "10-49", (300, "learning_work_places yearly_scan network_meetings", True)),
    ("C", "50-249", (250, "development_conversation yearly_scan", False)),
    ("C", "10-49", (200, "learning_work_places yearly_scan network_meetings", True)),
    (
        "J",
        "10-49",
        (150, "development_conversation learning_budget yearly_scan network_meetings", True),
    ),
    ("H", "50-249", (90, "development_conversation learning_work_places yearly_scan", True)),
    ("Q", "10-49", None),
]


def _one_year_after(day):
    return NetworkMembership.one_year_after(day)


@transaction.atomic
def load_network_demo(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    profiles = memberships = 0
    for (_name, kvk, _cbs), (sector, size_class, pledge) in zip(
        data.EMPLOYERS, PROFILES, strict=True
    ):
        organisation = Organisation.objects.get(kvk_number=kvk)
        _profile, created = EmployerProfile.objects.get_or_create(
            organisation=organisation, defaults={"sector": sector, "size_class": size_class}
        )
        profiles += created
        if pledge is None or NetworkMembership.objects.filter(organisation=organisation).exists():
            continue
        days_ago, commitments, listed = pledge
        start = today - datetime.timedelta(days=days_ago)
        renewal = _one_year_after(start)
        while renewal < today:  # members renewed every year so far
            renewal = _one_year_after(renewal)
        NetworkMembership.objects.create(
            organisation=organisation,
            start_date=start,
            renewal_date=renewal,
            public_listing=listed,
            **{c: True for c in commitments.split()},
        )
        memberships += 1
    return {"employer_profiles": profiles, "network_memberships": memberships}


# Vacancies and learning-work places (issue 5, part 6) at demo employers (index in data.EMPLOYERS):
# (employer, title, ESCO occupation URI suffix, hours, start in days, BBL)
ESCO = "http://data.europa.eu/esco/occupation/"
VACANCIES = [
    (
        0,
        "Leerling verpleegkundige (BBL niveau 4)",
        "8d3e8aaa-791b-4c75-a465-f3f827028f50",
        32,
        60,
        True,
    ),
    (2, "Thuiszorgmedewerker", "1391bdf9-bd61-4fb5-91ca-c29036ab2b60", 24, 30, False),
    (1, "Zorghulp op de afdeling", "d38c2107-98f2-47b7-8bb4-f69750d51082", 20, 45, True),
    (
        3,
        "Leerling monteur industriële machines",
        "269c47e7-9017-4aa6-bce8-49e89a696a64",
        36,
        90,
        True,
    ),
    (4, "Monteur elektrische installaties", "4910419f-b4af-4f59-b544-9dbebc8a74f0", 38, 30, False),
    (6, "Lasser in opleiding (BBL)", "7aedaa07-3884-4c5b-88f9-80997b2aa54b", 36, 75, True),
]
NOMINATION = {  # werkgever@demo.local's employer nominates a part-timer
    "employer": 3,
    "given_name": "Ruben",
    "family_name": "Oude Nijhuis",
    "email": "ruben.oudenijhuis@demo.local",
    "current_job": "magazijnmedewerker",
    "hours_now": 24,
    "extra_hours_offer": 12,
    "co_financing_cents": 75000,
    "occupation": "5c082067-ea18-4ccb-8c43-e70b18ad8120",
}


@transaction.atomic
def load_vacancies_demo(today: datetime.date | None = None) -> dict[str, int]:
    """About six vacancies and learning-work places (care and technology, some BBL) and one
    open nomination. Idempotent (by employer and title / e-mail). Occupations are set from
    their ESCO URI, so no engine is needed; without ESCO they stay unmatched."""
    today = today or timezone.localdate()
    employers = [Organisation.objects.get(kvk_number=kvk) for _n, kvk, _c in data.EMPLOYERS]
    concepts = Concept.objects.in_bulk(
        [ESCO + v[2] for v in VACANCIES] + [ESCO + NOMINATION["occupation"]], field_name="uri"
    )
    made = 0
    for index, title, uri, hours, days, bbl in VACANCIES:
        organisation = employers[index]
        if Vacancy.objects.filter(organisation=organisation, title=title).exists():
            continue
        occupation = concepts.get(ESCO + uri)
        Vacancy.objects.create(
            organisation=organisation,
            title=title,
            occupation=occupation,
            occupation_source=OccupationSource.STAFF if occupation else "",
            hours_per_week=hours,
            municipality=organisation.municipality,
            start_date=today + datetime.timedelta(days=days),
            bbl=bbl,
            is_open=True,
            notified_at=timezone.now(),
        )
        made += 1
    nominated = 0
    target = concepts.get(ESCO + NOMINATION["occupation"])
    if target is not None and not Nomination.objects.filter(email=NOMINATION["email"]).exists():
        Nomination.objects.create(
            organisation=employers[NOMINATION["employer"]],
            given_name=NOMINATION["given_name"],
            family_name=NOMINATION["family_name"],
            email=NOMINATION["email"],
            current_job=NOMINATION["current_job"],
            work_situation="part_time_wants_more",
            hours_now=NOMINATION["hours_now"],
            extra_hours_offer=NOMINATION["extra_hours_offer"],
            co_financing_cents=NOMINATION["co_financing_cents"],
            target_occupation=target,
            token_hash=hash_token(new_token()),
            expires_at=timezone.now() + datetime.timedelta(days=21),
        )
        nominated = 1
    return {"vacancies": made, "nominations": nominated}
