"""Filling a PostgreSQL database for `vakmanschap bench_monitor`: 100,000 participants over the
region's municipalities with three years of history through the funnel, and a million ledger
entries.

The fund's own fill (`funding/bench.py`) writes the participants with a plan, their cheques and
ledger entries in bulk; this module adds people who never got a plan, spreads everything over
three years and the 14 municipalities in set-based SQL (sign-up, decision, issue, start and
finish follow each other; courses still running stay started, some drop out), adds held
conversations and 6- and 12-month follow-up answers, and tops the ledger up to the target.
"""

import random

from django.conf import settings
from django.db import connection, transaction

from vakmanschap.funding import bench as fund_bench
from vakmanschap.funding import course_cap, ledger
from vakmanschap.funding.models import BudgetPeriod, FundingStream, LedgerEntry
from vakmanschap.people.models import Participant
from vakmanschap.region.importer import import_regions
from vakmanschap.region.models import LabourMarketRegion, Municipality

WITH_PLAN_SHARE = 0.7  # the rest signed up and stopped before a plan
EDUCATION = ["none", "primary", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo_vwo", "hbo"]


def _municipalities(region) -> list[int]:
    """Ids of the region's municipalities, repeated roughly by their size."""
    path = settings.SHARED_DIR / "twente" / "municipalities.csv"
    if path.exists() and not region.municipalities.exists():
        import_regions(path, region_code=region.code, region_name=region.name)
    Municipality.objects.filter(cbs_code="GM0153").update(region=region)
    ids = list(region.municipalities.order_by("cbs_code").values_list("pk", "cbs_code"))
    big = {"GM0153": 5, "GM0141": 3, "GM0164": 3}  # Enschede, Almelo, Hengelo
    return [pk for pk, code in ids for _ in range(big.get(code, 1))]


def _sql(statement: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


@transaction.atomic
def fill(participants: int, ledger_entries: int, author, seed: int = 7) -> dict[str, int]:
    if connection.vendor != "postgresql":
        raise RuntimeError("The monitor's fill uses PostgreSQL's random() and intervals.")
    region = LabourMarketRegion.objects.home()
    municipalities = _municipalities(region)
    with_plan = round(participants * WITH_PLAN_SHARE)
    fund_bench.fill(with_plan, author, seed=seed)
    municipality, *_ = fund_bench.world(author)
    random.seed(seed)
    rest = participants - with_plan
    for start in range(0, rest, fund_bench.BATCH):
        Participant.objects.bulk_create(
            fund_bench._participants(
                min(fund_bench.BATCH, rest - start), municipality, with_plan + start
            )
        )
    _sql("SELECT setseed(%s)", [seed / 100])
    _spread_people(municipalities)
    course_cap.counting_triggers(enabled=False)  # one bulk update; counted once after it
    _spread_plans_and_cheques()
    course_cap.counting_triggers(enabled=True)
    course_cap.count_afresh()
    _conversations(author)
    _follow_ups()
    _top_up_ledger(ledger_entries)
    _backdate_ledger()
    for period in BudgetPeriod.objects.all():
        ledger.write_checkpoint(period.pk)
    FundingStream.objects.filter(region__isnull=True).update(region=region)
    return {
        "participants": Participant.objects.count(),
        "ledger entries": LedgerEntry.objects.count(),
    }


def _spread_people(municipalities: list[int]) -> None:
    _sql(
        """
        UPDATE people_participant SET
          municipality_id = (%s::bigint[])[1 + floor(random() * %s)::int],
          education_level = (%s::text[])[1 + floor(random() * %s)::int],
          created_at = now() - random() * interval '1095 days'
        WHERE family_name = 'Bench'
        """,
        [municipalities, len(municipalities), EDUCATION, len(EDUCATION)],
    )


def _spread_plans_and_cheques() -> None:
    """Decision 2–6 weeks after sign-up; cheque issued then, started 2–8 weeks later, finished
    2–10 months after the start (12% drop out); whatever lies in the future has not happened."""
    _sql(
        """
        UPDATE funding_trainingplan p SET
          decided_at = LEAST(now(), pp.created_at + (14 + random() * 28) * interval '1 day'),
          submitted_at = pp.created_at + interval '7 days',
          application_date = (pp.created_at + interval '7 days')::date
        FROM people_participant pp WHERE pp.id = p.participant_id
        """
    )
    _sql(
        """
        UPDATE funding_cheque c SET
          issued_at = p.decided_at,
          started_at = p.decided_at + (14 + random() * 42) * interval '1 day',
          finished_at = p.decided_at + (80 + random() * 300) * interval '1 day'
        FROM funding_trainingplan p WHERE p.id = c.plan_id
        """
    )
    _sql(
        """
        UPDATE funding_cheque SET
          start_date = started_at::date,
          state = CASE WHEN random() < 0.12 THEN 'dropped_out' ELSE 'completed' END
        """
    )
    _sql(
        """
        UPDATE funding_cheque SET state = 'started', finished_at = NULL
        WHERE finished_at > now()
        """
    )
    _sql(
        """
        UPDATE funding_cheque SET state = 'issued', booked_at = NULL, started_at = NULL,
          start_date = NULL, attendance_percent = NULL
        WHERE started_at > now()
        """
    )


def _conversations(author) -> None:
    """A held conversation for everyone with a plan and for half of the others."""
    _sql(
        """
        INSERT INTO guidance_careerconversation
          (participant_id, advisor_id, scheduled_at, location, state, notes, outcome, next_step,
           invitation_sequence)
        SELECT pp.id, %s, LEAST(now(), pp.created_at + interval '5 days'), '', 'held', '', '', '',
          0
        FROM people_participant pp
        WHERE pp.family_name = 'Bench'
          AND (EXISTS (SELECT 1 FROM funding_trainingplan p WHERE p.participant_id = pp.id)
               OR random() < 0.5)
        """,
        [author.pk],
    )


def _follow_ups() -> None:
    """6 and 12 months after a finished course, about three in four answer."""
    for months in (6, 12):
        _sql(
            """
            INSERT INTO followup_followup
              (plan_id, months, ending, ended_on, due_on, token_hash, answered_at, channel,
               work_situation, hours_per_week, occupation_title, occupation_relation,
               contract_type, helpfulness, comment)
            SELECT DISTINCT ON (c.plan_id) c.plan_id, %s, c.state, c.finished_at::date,
              (c.finished_at + %s * interval '1 month')::date, '',
              c.finished_at + %s * interval '1 month' + random() * interval '20 days', 'link',
              CASE WHEN random() < 0.65 THEN 'employed' WHEN random() < 0.2 THEN 'self_employed'
                   ELSE 'seeking' END,
              32, '', CASE WHEN random() < 0.6 THEN 'trained_for' ELSE 'other' END, '', 4, ''
            FROM funding_cheque c
            WHERE c.state IN ('completed', 'dropped_out')
              AND c.finished_at + %s * interval '1 month' + interval '20 days' < now()
              AND random() < 0.75
            ORDER BY c.plan_id, c.finished_at DESC
            """,
            [months, months, months, months],
        )


def _top_up_ledger(target: int) -> None:
    """Released reservations (reserve, then release of the same amount) up to the target."""
    missing = target - LedgerEntry.objects.count()
    if missing <= 0:
        return
    pairs = (missing + 1) // 2
    cheques = max(1, LedgerEntry.objects.exclude(cheque=None).values("cheque").distinct().count())
    _sql(
        """
        INSERT INTO funding_ledgerentry (period_id, kind, amount_cents, cheque_id, reason,
                                         created_at)
        SELECT c.period_id, k.kind, c.amount_cents, c.id, '', now()
        FROM (SELECT ch.id, ch.amount_cents, p.funding_period_id AS period_id
              FROM funding_cheque ch JOIN funding_trainingplan p ON p.id = ch.plan_id
              CROSS JOIN generate_series(1, %s) AS round
              LIMIT %s) c
        CROSS JOIN (VALUES ('reserve'), ('release')) AS k(kind)
        """,
        [-(-pairs // cheques), pairs],
    )


def _backdate_ledger() -> None:
    """Money moves around the cheque's life; the append-only trigger is lifted for this one
    statement of the throwaway fill and restored in the same transaction."""
    _sql("SET CONSTRAINTS ALL IMMEDIATE")  # no foreign-key checks pending on the table
    _sql("ALTER TABLE funding_ledgerentry DISABLE TRIGGER funding_ledger_append_only")
    _sql(
        """
        UPDATE funding_ledgerentry e SET created_at = CASE
          WHEN e.kind IN ('reserve', 'release', 'commit') THEN c.issued_at
          ELSE LEAST(now(), COALESCE(c.finished_at, c.started_at, c.issued_at)
               + random() * interval '60 days') END
        FROM funding_cheque c WHERE c.id = e.cheque_id
        """
    )
    _sql(
        "UPDATE funding_ledgerentry SET created_at = now() - interval '1100 days' "
        "WHERE cheque_id IS NULL"
    )
    _sql("ALTER TABLE funding_ledgerentry ENABLE TRIGGER funding_ledger_append_only")
