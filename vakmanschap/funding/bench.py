"""Filling the database with a realistic volume for `vakmanschap bench_fund`.

Per participant: a plan with one or two courses, and for most of them cheques whose money went
through reserve → commit → pay (some released or recovered), about ten ledger entries each,
so 100,000 participants give about a million entries. Rows are written in bulk.
"""

import datetime
import random
import secrets

from django.db import connection, transaction
from django.utils import timezone

from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.catalogue.models import Course
from vakmanschap.esco.models import Concept, ShortageList, ShortageOccupation
from vakmanschap.organisations.models import Organisation
from vakmanschap.people.models import Participant
from vakmanschap.region.models import Municipality

from . import course_cap, ledger
from .models import (
    BudgetPeriod,
    Cheque,
    FundingStream,
    LedgerEntry,
    PlanCourse,
    PlanState,
    RecognisedProvider,
    Scheme,
    TrainingPlan,
)

BATCH = 5_000
FINISHED = [PlanState.COMPLETED, PlanState.CLOSED, PlanState.DROPPED_OUT]


def world(author):
    """Scheme, budget, providers and courses the fill and the measurement share."""
    municipality, _ = Municipality.objects.get_or_create(
        cbs_code="GM0153", defaults={"name": "Enschede"}
    )
    scheme, _ = Scheme.objects.get_or_create(
        name="Bench",
        defaults={
            "valid_from": datetime.date(2000, 1, 1),
            "max_amount_cents": 10_000_000,
            "course_cheque_cap": 10**9,
            # Its people are bulk-made without conversations; it measures the fund's side.
            "requires_held_conversation": False,
        },
    )
    scheme.municipalities.add(municipality)
    stream, _ = FundingStream.objects.get_or_create(name="Bench stream")
    period, created = BudgetPeriod.objects.get_or_create(
        stream=stream, start=datetime.date(2000, 1, 1), defaults={"end": datetime.date(2099, 1, 1)}
    )
    if created:
        ledger.post(period.pk, "allocate", 10**13)
    courses = list(Course.objects.filter(provider__name__startswith="Bench provider"))
    if not courses:
        for p in range(5):
            provider = Organisation.objects.create(
                name=f"Bench provider {p}", kind=OrganisationKind.PROVIDER
            )
            RecognisedProvider.objects.create(
                provider=provider, recognised_since=datetime.date(2000, 1, 1)
            )
            for c in range(6):
                courses.append(
                    Course.objects.create(
                        provider=provider,
                        title=f"Bench course {p}-{c}",
                        level=2 + c % 3,
                        price_cents=random.randint(30, 600) * 1000,
                        duration_months=6 + c,
                    )
                )
    occupation, created = Concept.objects.get_or_create(
        uri="http://data.europa.eu/esco/occupation/bench", defaults={"kind": "occupation"}
    )
    if created:
        shortage = ShortageList.objects.create(
            region=scheme.region, valid_from=datetime.date(2000, 1, 1), source_name="bench"
        )
        ShortageOccupation.objects.create(shortage_list=shortage, occupation=occupation)
    return municipality, scheme, period, courses, occupation


def _participants(n, municipality, start_index):
    today = datetime.date.today()
    return [
        Participant(
            given_name=f"Deelnemer{start_index + i}",
            family_name="Bench",
            birth_date=today - datetime.timedelta(days=random.randint(20 * 365, 60 * 365)),
            postcode=f"75{random.randint(10, 99)} AB",
            municipality=municipality,
            education_level="mbo2",
            work_situation=random.choice(
                ["unemployed", "part_time_wants_more", "status_holder", "employed_full_time"]
            ),
            consent_purpose="bench",
            consent_given_at=timezone.now(),
            privacy_version="1",
            triage="conversation_needed",
        )
        for i in range(n)
    ]


@transaction.atomic
def fill(participants: int, author, seed: int = 7) -> dict[str, int]:
    random.seed(seed)
    municipality, scheme, period, courses, occupation = world(author)
    course_cap.counting_triggers(enabled=False)  # counted once at the end
    done = 0
    while done < participants:
        n = min(BATCH, participants - done)
        people = Participant.objects.bulk_create(_participants(n, municipality, done))
        states = random.choices(
            [*FINISHED, PlanState.IN_TRAINING, PlanState.REJECTED], weights=[50, 20, 5, 20, 5], k=n
        )
        plans = TrainingPlan.objects.bulk_create(
            [
                TrainingPlan(
                    participant=p,
                    author=author,
                    scheme=scheme,
                    funding_period=period,
                    target_occupation=occupation,
                    justification="bench",
                    state=state,
                    application_date=datetime.date.today(),
                    submitted_at=timezone.now(),
                    decided_at=timezone.now(),
                )
                for p, state in zip(people, states, strict=True)
            ]
        )
        plan_courses = PlanCourse.objects.bulk_create(
            [
                PlanCourse(
                    plan=plan,
                    course=course,
                    price_cents=course.price_cents,
                    fund_amount_cents=course.price_cents,
                )
                for plan in plans
                for course in random.sample(courses, random.choice([1, 1, 2]))
                if plan.state != PlanState.REJECTED
            ]
        )
        cheques = Cheque.objects.bulk_create(
            [
                Cheque(
                    plan_course=pc,
                    plan_id=pc.plan_id,
                    provider_id=pc.course.provider_id,
                    code_hash=secrets.token_hex(32),
                    code_last4="BNCH",
                    amount_cents=pc.fund_amount_cents,
                    state="completed",
                    valid_until=timezone.now() + datetime.timedelta(days=180),
                    booked_at=timezone.now(),
                    start_date=datetime.date.today(),
                    started_at=timezone.now(),
                    finished_at=timezone.now(),
                    attendance_percent=100,
                )
                for pc in plan_courses
            ]
        )
        if connection.vendor == "postgresql":
            _entries_in_sql(period, [c.pk for c in cheques])
        else:
            LedgerEntry.objects.bulk_create(_entries(period, cheques), batch_size=BATCH)
        done += n
    ledger.write_checkpoint(period.pk)
    _spread_issue_dates()
    course_cap.counting_triggers(enabled=True)
    course_cap.count_afresh()
    return {
        "participants": Participant.objects.count(),
        "ledger entries": LedgerEntry.objects.count(),
        "cheques": Cheque.objects.count(),
    }


def _entries(period, cheques):
    """reserve → commit → pay in instalments, sometimes a release or a recovery (≈ 9 each)."""
    for cheque in cheques:
        ref, amount = cheque.pk, cheque.amount_cents
        yield LedgerEntry(period=period, kind="reserve", amount_cents=amount, cheque_id=ref)
        kept = amount - (amount // 10 if random.random() < 0.2 else 0)
        if kept < amount:
            yield LedgerEntry(
                period=period, kind="release", amount_cents=amount - kept, cheque_id=ref
            )
        yield LedgerEntry(period=period, kind="commit", amount_cents=kept, cheque_id=ref)
        parts = random.choice([4, 5, 6, 7])
        for i in range(parts):
            share = kept // parts + (kept % parts if i == parts - 1 else 0)
            yield LedgerEntry(period=period, kind="pay", amount_cents=share, cheque_id=ref)
        if random.random() < 0.05:
            yield LedgerEntry(period=period, kind="recover", amount_cents=kept // 4, cheque_id=ref)


# The same movements as `_entries`, made by PostgreSQL itself (about 9 rows per cheque, a million
# for 100,000 participants: in SQL this takes seconds instead of minutes of Python objects).
_LEDGER_SQL = """
WITH drawn AS (
    SELECT id, amount_cents AS amount, random() < 0.2 AS released,
           4 + floor(random() * 4)::int AS parts, random() < 0.05 AS recovered
    FROM funding_cheque WHERE id = ANY(%(cheques)s)
), kept AS (
    SELECT *, amount - CASE WHEN released THEN amount / 10 ELSE 0 END AS kept FROM drawn
), movements AS (
    SELECT id, 0 AS seq, 'reserve' AS kind, amount AS cents FROM kept
    UNION ALL SELECT id, 1, 'release', amount - kept FROM kept WHERE kept < amount
    UNION ALL SELECT id, 2, 'commit', kept FROM kept
    UNION ALL SELECT id, 2 + part, 'pay', kept / parts + CASE WHEN part = parts THEN kept %% parts
                                                            ELSE 0 END
              FROM kept, generate_series(1, parts) AS part
    UNION ALL SELECT id, 99, 'recover', kept / 4 FROM kept WHERE recovered AND kept >= 4
)
INSERT INTO funding_ledgerentry (period_id, kind, amount_cents, cheque_id, reason, created_at)
SELECT %(period)s, kind, cents, id, '', now() FROM movements WHERE cents > 0 ORDER BY id, seq
"""


def _entries_in_sql(period, cheque_ids):
    with connection.cursor() as cursor:
        cursor.execute(_LEDGER_SQL, {"period": period.pk, "cheques": cheque_ids})


def _spread_issue_dates():
    """Bulk inserts stamp every cheque with today; real cheques were issued over years."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE funding_cheque SET issued_at = now() - random() * interval '1095 days' "
                "WHERE code_last4 = 'BNCH'"
            )


def analyse():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as a steady database is: autovacuum stays idle
