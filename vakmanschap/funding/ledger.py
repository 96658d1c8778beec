"""The budget ledger's rules. Every movement goes through `post()`.

Buckets, derived from the entries of one budget period:
  reserved  = reserve − release − commit     (approved, not started)
  committed = commit − pay − decommit        (started, not paid; decommit gives back what a
                                             settled cheque did not use)
  paid      = pay
  recovered = recover                        (paid money that came back)
  available = allocated − reserved − committed − paid + recovered

Invariant, per period, at all times: reserved + committed + paid − recovered ≤ allocated,
i.e. available ≥ 0; and no bucket of a period or of one cheque goes below zero. An allocation
belongs to no cheque, every other movement to exactly one (a check constraint says so too).
`post()` locks the period row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers
with BEGIN IMMEDIATE), reads the sums and writes one entry in the same transaction, so
concurrent approvals can never overdraw.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _

from vakmanschap.core import coded

from .models import BudgetPeriod, EntryKind, LedgerCheckpoint, LedgerEntry


class LedgerError(Exception):
    """A movement that would break the ledger's rules; nothing was written."""


class InsufficientFunds(LedgerError):
    pass


@dataclass(frozen=True)
class Balances:
    allocated: int = 0
    reserved: int = 0
    committed: int = 0
    paid: int = 0
    recovered: int = 0

    @property
    def available(self) -> int:
        return self.allocated - self.reserved - self.committed - self.paid + self.recovered

    @classmethod
    def from_sums(cls, sums: dict[str, int]) -> "Balances":
        s = {kind: sums.get(kind) or 0 for kind in EntryKind.values}
        return cls(
            allocated=s["allocate"],
            reserved=s["reserve"] - s["release"] - s["commit"],
            committed=s["commit"] - s["pay"] - s["decommit"],
            paid=s["pay"],
            recovered=s["recover"],
        )


def _sums(entries) -> dict[str, int]:
    return entries.aggregate(
        **{kind: Sum("amount_cents", filter=Q(kind=kind)) for kind in EntryKind.values}
    )


def _period_sums(period_id: int) -> tuple[dict[str, int], int, int]:
    """Sums per kind, the last entry id they cover, and how many entries came after the
    latest checkpoint: the checkpoint and the entries after it in one statement (it runs
    under the period lock in every movement)."""
    with connection.cursor() as cursor:
        cursor.execute(_period_sums_sql(connection.vendor), [*_KINDS, period_id, period_id])
        row = cursor.fetchone()
    checkpoint_last, base = row[0], row[1 : 1 + len(_KINDS)]
    after, last, tail = row[1 + len(_KINDS) : -2], row[-1], row[-2]
    sums = {kind: int(b or 0) + int(a or 0) for kind, b, a in zip(_KINDS, base, after, strict=True)}
    return sums, last or checkpoint_last or 0, tail


@functools.cache
def _period_sums_sql(vendor: str) -> str:
    """The statement of `_period_sums`, per database (kinds quoted: `commit` is an SQL word)."""
    quote = connection.ops.quote_name
    entries, checkpoints = LedgerEntry._meta.db_table, LedgerCheckpoint._meta.db_table
    base = ", ".join(f"cp.{quote(kind)}" for kind in _KINDS)
    after = ", ".join("SUM(CASE WHEN e.kind = %s THEN e.amount_cents END)" for _ in _KINDS)
    return (
        f"SELECT cp.last_entry_id, {base}, {after}, COUNT(e.id), MAX(e.id) "
        "FROM (SELECT 1 AS one) AS one_row "
        f"LEFT JOIN (SELECT * FROM {checkpoints} WHERE period_id = %s "
        "ORDER BY last_entry_id DESC LIMIT 1) AS cp ON 1 = 1 "
        f"LEFT JOIN {entries} AS e ON e.period_id = %s "
        "AND e.id > COALESCE(cp.last_entry_id, 0) "
        f"GROUP BY cp.last_entry_id, {base}"
    )


_KINDS = list(EntryKind.values)


def balances(period: BudgetPeriod | int) -> Balances:
    return Balances.from_sums(_period_sums(getattr(period, "pk", period))[0])


def balances_by_period(period_ids) -> dict[int, Balances]:
    """The balances of many periods in two queries, however many periods there are: their
    latest checkpoints, then the entries after them summed per period."""
    period_ids = list(period_ids)
    if not period_ids:
        return {}
    latest = LedgerCheckpoint.objects.filter(period_id=OuterRef("period_id")).order_by(
        "-last_entry_id"
    )
    checkpoints = {
        c.period_id: c
        for c in LedgerCheckpoint.objects.filter(
            period_id__in=period_ids, last_entry_id=Subquery(latest.values("last_entry_id")[:1])
        )
    }
    after = Q()
    for period_id in period_ids:
        checkpoint = checkpoints.get(period_id)
        if checkpoint is None:
            after |= Q(period_id=period_id)
        else:
            after |= Q(period_id=period_id, id__gt=checkpoint.last_entry_id)
    tails = {
        row.pop("period_id"): row
        for row in LedgerEntry.objects.filter(after)
        .order_by()
        .values("period_id")
        .annotate(**{kind: Sum("amount_cents", filter=Q(kind=kind)) for kind in EntryKind.values})
    }
    result = {}
    for period_id in period_ids:
        checkpoint, tail = checkpoints.get(period_id), tails.get(period_id, {})
        base = checkpoint.sums() if checkpoint else {}
        result[period_id] = Balances.from_sums(
            {k: (base.get(k) or 0) + (tail.get(k) or 0) for k in EntryKind.values}
        )
    return result


def write_checkpoint(period_id: int) -> LedgerCheckpoint | None:
    """Record the running sums (call with the period locked, or when nothing else writes)."""
    sums, last, tail = _period_sums(period_id)
    if tail == 0:
        return None
    return LedgerCheckpoint.objects.create(period_id=period_id, last_entry_id=last, **sums)


def cheque_balances(period_id: int, cheque_id: int) -> Balances:
    """What the period's ledger holds for one cheque, per bucket."""
    return Balances.from_sums(
        _sums(LedgerEntry.objects.filter(period_id=period_id, cheque_id=cheque_id))
    )


# What each kind of movement takes money out of (checked before writing).
_SOURCE = {
    EntryKind.RESERVE: "available",
    EntryKind.RELEASE: "reserved",
    EntryKind.COMMIT: "reserved",
    EntryKind.PAY: "committed",
    EntryKind.DECOMMIT: "committed",
    EntryKind.RECOVER: "paid_not_recovered",
}


def _room(b: Balances, source: str) -> int:
    if source == "paid_not_recovered":
        return b.paid - b.recovered
    return getattr(b, source)


def post(
    period_id: int,
    kind: str,
    amount_cents: int,
    cheque=None,
    *,
    actor=None,
    reason: str = "",
    reason_code: str | None = None,
    reason_params: dict | None = None,
) -> LedgerEntry:
    """Write one movement after checking it against the locked period's balances. `cheque` (a
    cheque or its id) is required for every movement except an allocation, which has none.
    `reason` is a person's own words; what the system says is `reason_code` (a `core.coded`
    code) with JSON-safe `reason_params`, so it reads in each reader's language."""
    if reason_code is not None and not coded.is_known(reason_code):
        raise LedgerError(f"Unknown ledger reason code {reason_code!r}.")
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        raise LedgerError(_("An amount must be a positive whole number of cents."))
    if kind not in EntryKind.values:
        raise LedgerError(_("Unknown ledger movement."))
    cheque_id = getattr(cheque, "pk", cheque)
    if (kind == EntryKind.ALLOCATE) != (cheque_id is None):
        raise LedgerError(_("Only an allocation is posted without a cheque."))
    with transaction.atomic():
        _lock(period_id)
        sums, _last, since_checkpoint = _period_sums(period_id)
        source = _SOURCE.get(kind)
        if source is not None:
            if _room(Balances.from_sums(sums), source) < amount_cents:
                if kind == EntryKind.RESERVE:
                    raise InsufficientFunds(_("Not enough budget available in this period."))
                raise LedgerError(_("This movement is larger than what it draws from."))
            if (
                kind != EntryKind.RESERVE
                and _room(cheque_balances(period_id, cheque_id), source) < amount_cents
            ):
                raise LedgerError(_("This movement is larger than what is held for it."))
        entry = LedgerEntry.objects.create(
            period_id=period_id,
            kind=kind,
            amount_cents=amount_cents,
            cheque_id=cheque_id,
            reason=reason[:300],
            reason_code=reason_code,
            reason_params=reason_params or None,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if since_checkpoint + 1 >= settings.LEDGER_CHECKPOINT_EVERY:
            write_checkpoint(period_id)  # still under the period lock
        return entry


def _lock(period_id: int) -> None:
    BudgetPeriod.objects.select_for_update(no_key=True).only("pk").get(pk=period_id)


def post_reservations(
    period_id: int, reservations: list[tuple[int, int]], *, actor=None, reason_code: str
) -> list[LedgerEntry]:
    """Reserve (cheque id, amount) pairs under one lock and one balance check: the same rules
    as `post()` for each, and the period's available money must cover them all, or nothing is
    written (InsufficientFunds). The caller does everything else first, so the lock is held
    only for this and the commit."""
    if not coded.is_known(reason_code):
        raise LedgerError(f"Unknown ledger reason code {reason_code!r}.")
    for cheque_id, amount_cents in reservations:
        if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
            raise LedgerError(_("An amount must be a positive whole number of cents."))
        if cheque_id is None:
            raise LedgerError(_("Only an allocation is posted without a cheque."))
    if not reservations:
        return []
    # No savepoint of its own (two round trips fewer under the lock): a shortfall leaves the
    # block normally and is raised after it, having written nothing; any other error inside
    # marks the caller's whole transaction for rollback.
    with transaction.atomic(savepoint=False):
        _lock(period_id)
        sums, _last, since_checkpoint = _period_sums(period_id)
        short = Balances.from_sums(sums).available < sum(a for _id, a in reservations)
        entries = [] if short else _reserve(period_id, reservations, actor, reason_code)
        if entries and since_checkpoint + len(entries) >= settings.LEDGER_CHECKPOINT_EVERY:
            write_checkpoint(period_id)  # still under the period lock
    if short:
        raise InsufficientFunds(_("Not enough budget available in this period."))
    return entries


def _reserve(period_id, reservations, actor, reason_code) -> list[LedgerEntry]:
    created_by = actor if getattr(actor, "pk", None) else None
    return LedgerEntry.objects.bulk_create(
        LedgerEntry(
            period_id=period_id,
            kind=EntryKind.RESERVE,
            amount_cents=amount_cents,
            cheque_id=cheque_id,
            reason_code=reason_code,
            created_by=created_by,
        )
        for cheque_id, amount_cents in reservations
    )
