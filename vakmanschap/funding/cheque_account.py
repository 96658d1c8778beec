"""The one owner of a cheque's money: every ledger movement for a cheque is posted here.

    reserve      plan approved (or funded from the waiting list)   available → reserved
    release      not booked in time, dropped out before the start   reserved → available
    commit       the course started                                 reserved → committed
    pay          an invoice is paid (committing reserved money first if needed)
    settle       the final invoice is paid: what is still held goes back (release, decommit)
    recover      the provider paid money back                        paid → recovered

Callers (plans, the budget queue, delivery, invoicing) hold the cheque's row lock; `ledger.post`
takes the budget period's lock and checks every movement against the balances.
"""

from . import ledger, texts
from .models import Cheque


def _period_id(cheque: Cheque) -> int:
    return cheque.plan.funding_period_id


def balances(cheque: Cheque) -> ledger.Balances:
    """What the ledger holds for this cheque, per bucket."""
    return ledger.cheque_balances(_period_id(cheque), cheque.pk)


def held_cents(cheque: Cheque) -> int:
    """Reserved + committed: what may still be invoiced against this cheque."""
    b = balances(cheque)
    return b.reserved + b.committed


def _post(cheque, kind, amount, *, by, code: str, **params):
    """`code` is a reason code of `funding.texts`, `params` its parameters."""
    return ledger.post(
        _period_id(cheque),
        kind,
        amount,
        cheque,
        actor=by,
        reason_code=code,
        reason_params=params,
    )


def reserve(cheque: Cheque, *, by) -> None:
    """Reserve the cheque's amount (the caller holds the period lock for the balance check)."""
    if cheque.amount_cents:
        _post(cheque, "reserve", cheque.amount_cents, by=by, code=texts.LEDGER_PLAN_APPROVED)


def reserve_all(period_id: int, cheques, *, by) -> None:
    """Reserve every cheque's amount in one movement per cheque, with one lock and one balance
    check for all of them: all are reserved, or none (InsufficientFunds)."""
    ledger.post_reservations(
        period_id,
        [(cheque.pk, cheque.amount_cents) for cheque in cheques if cheque.amount_cents],
        actor=by,
        reason_code=texts.LEDGER_PLAN_APPROVED,
    )


def release(cheque: Cheque, *, by, code: str, **params) -> None:
    """Give back what is still reserved (expiry, a drop-out before the start); `code` is a
    reason code of `funding.texts` with its `params`."""
    held = balances(cheque).reserved
    if held:
        _post(cheque, "release", held, by=by, code=code, **params)


def commit(cheque: Cheque, *, by) -> None:
    """The course started: what is reserved becomes committed."""
    held = balances(cheque).reserved
    if held:
        _post(cheque, "commit", held, by=by, code=texts.LEDGER_COURSE_STARTED)


def pay(cheque: Cheque, amount: int, *, by, invoice_number: str, final: bool) -> None:
    """Pay an invoice from the commitment (committing reserved money first if needed). A final
    payment settles the cheque: reserved money is released and unpaid committed money is
    given back, so it is available again."""
    committed = balances(cheque).committed
    if amount > committed:
        _post(cheque, "commit", amount - committed, by=by, code=texts.LEDGER_COMMITTED_FOR_PAYMENT)
    if amount:
        _post(cheque, "pay", amount, by=by, code=texts.LEDGER_INVOICE_PAID, number=invoice_number)
    if final:
        held = balances(cheque)
        if held.reserved:
            _post(cheque, "release", held.reserved, by=by, code=texts.LEDGER_CHEQUE_SETTLED)
        if held.committed:
            _post(cheque, "decommit", held.committed, by=by, code=texts.LEDGER_CHEQUE_SETTLED)


def recover(cheque: Cheque, amount: int, *, by) -> None:
    """Money the provider paid back."""
    _post(cheque, "recover", amount, by=by, code=texts.LEDGER_RECOVERY_RECEIVED)
