"""Demo content of the scan: every demo employer took the scan about a year ago and a month ago.

`load_scan_demo()` is called by the demo loader after `load_network_demo()`. Scores are
realistic and deterministic (seeded per employer, round and respondent). Idempotent: an
employer that already has a scan gets no demo scans.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from vakmanschap.accounts.roles import Role
from vakmanschap.organisations.models import Organisation
from vakmanschap.scan import services
from vakmanschap.scan.defaults import load_defaults
from vakmanschap.scan.models import (
    Answer,
    Dimension,
    Instrument,
    Item,
    Questionnaire,
    Response,
    Scan,
)

from . import data

# Typical level (1–5) per dimension, in the questionnaire's order: dynamisch managen,
# flexibel organiseren, slimmer werken, co-creatie, leercultuur, duurzame inzetbaarheid.
LEVELS = [
    [3.4, 3.0, 3.2, 3.6, 3.9, 3.1],  # Zorggroep Noord-Oost Twente
    [3.2, 2.8, 3.4, 3.9, 4.0, 3.0],  # Ziekenhuisgroep Twente Zuid
    [3.6, 3.9, 3.1, 3.0, 3.4, 3.3],  # Thuiszorg Tubbergen-Dinkelland
    [3.3, 3.0, 3.7, 2.5, 3.0, 3.2],  # Machinefabriek Hof van Twente (werkgever@demo.local)
    [3.5, 3.6, 3.3, 2.9, 3.1, 3.0],  # Installatiebedrijf Rijssen-Holten
    [3.1, 3.2, 3.8, 3.0, 2.8, 3.3],  # Kunststoftechniek Oldenzaal
    [2.9, 3.1, 3.4, 2.7, 2.9, 3.4],  # Metaalbewerking Wierden
    [4.1, 4.2, 3.9, 3.8, 4.0, 3.5],  # Softwarehuis Hengelo
    [3.0, 3.3, 3.6, 2.8, 2.7, 2.9],  # Logistiek Centrum Almelo
    [3.7, 3.2, 2.9, 3.3, 3.8, 3.6],  # Kinderopvang Losser
]
# What improved between the two rounds (added to the level), rotated per employer.
IMPROVEMENT = [0.3, 0.1, 0.2, 0.4, 0.3, 0.1]
ROUNDS = [(395, 0), (30, 1)]  # (days before today, round number)


def _answer(rng: random.Random, level: float, reverse: bool) -> int:
    value = min(5, max(1, round(rng.gauss(level, 0.75))))
    return 6 - value if reverse else value


def _employee_count(index: int, round_number: int) -> int:
    if index == 9 and round_number == 1:
        return 3  # too few: the report shows management's answers only, and says why
    return 5 + (index + round_number) % 4


def _scan(organisation, questionnaire, structure, index, days_ago, round_number, manager, today):
    started = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days_ago), datetime.time(9, 30))
    )
    scan = Scan.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        started_by=manager,
        created_at=started,
    )
    levels = [
        level + (IMPROVEMENT[(d + index) % len(IMPROVEMENT)] if round_number else 0.0)
        for d, level in enumerate(LEVELS[index])
    ]
    respondents = [("management", 0.3)] + [("employee", 0.0)] * _employee_count(index, round_number)
    for number, (kind, optimism) in enumerate(respondents):
        rng = random.Random(f"{organisation.kvk_number}-{round_number}-{number}")
        response = Response.objects.create(
            scan=scan,
            kind=kind,
            user=manager if kind == "management" else None,
            submitted_on=(started + datetime.timedelta(days=min(number, 14))).date(),
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    response=response,
                    item=item,
                    value=_answer(rng, levels[d] + optimism, item.reverse),
                )
                for d, (_dimension, items) in enumerate(structure)
                for item in items
            ]
        )
    scan.closed_at = started + datetime.timedelta(days=21)
    scan.save(update_fields=["closed_at"])
    services.refresh_scores(scan)
    return scan


@transaction.atomic
def load_scan_demo(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    if Questionnaire.objects.current() is None:  # e.g. after a test database flush
        load_defaults(Questionnaire, Dimension, Item, Instrument)
    questionnaire = services.current_questionnaire()
    structure = questionnaire.structure()
    made = 0
    for index, (_name, kvk, _cbs) in enumerate(data.EMPLOYERS):
        organisation = Organisation.objects.get(kvk_number=kvk)
        if organisation.scans.exists():
            continue
        manager = next(
            (
                m.user
                for m in organisation.memberships.filter(role=Role.EMPLOYER_STAFF).select_related(
                    "user"
                )
            ),
            None,
        )
        for days_ago, round_number in ROUNDS:
            _scan(
                organisation,
                questionnaire,
                structure,
                index,
                days_ago,
                round_number,
                manager,
                today,
            )
            made += 1
    return {"scans": made}
