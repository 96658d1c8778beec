"""Issuing and redeeming training cheques."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from vakmanschap.audit.services import record_event

from . import cheque_account, codes
from .eligibility import plan_courses
from .models import Cheque, ChequeState, RedemptionAttempt

CODE_REISSUED = "cheque_code_reissued"

# Sent inside the transaction when a cheque gets a new code (notifications mails after commit).
code_reissued = Signal()


def create_cheques(plan) -> tuple[list[Cheque], dict[int, str]]:
    """One cheque per plan course, without money yet. Returns the plain codes, once."""
    valid_until = timezone.now() + relativedelta(months=plan.scheme.cheque_validity_months)
    cheques, plain = [], {}
    for plan_course in plan_courses(plan):
        seed = codes.new_seed()
        code = codes.from_seed(seed)
        body = codes.normalise(code)
        cheque = Cheque.objects.create(
            plan_course=plan_course,
            plan=plan,
            provider_id=plan_course.course.provider_id,
            code_hash=codes.code_hash(body),
            code_last4=body[-4:],
            code_seed=seed,
            amount_cents=plan_course.fund_amount_cents,
            valid_until=valid_until,
        )
        cheques.append(cheque)
        plain[cheque.pk] = code
    return cheques, plain


def issue_cheques(plan, *, by) -> dict[int, str]:
    """Create the cheques and reserve their money. Returns the plain codes, once."""
    cheques, plain = create_cheques(plan)
    cheque_account.reserve_all(plan.funding_period_id, cheques, by=by)
    return plain


def letter_code(cheque) -> str | None:
    """The code to print on the letter; reading it changes nothing. None for a cheque issued
    before codes were derived from a seed: it needs a new code first."""
    return codes.from_seed(cheque.code_seed) if cheque.code_seed else None


@transaction.atomic
def reissue_code(cheque, *, by, reason: str) -> str:
    """A new code (the old one stops working at once), only before booking and with a reason.
    Audited; the resident and the provider are told by e-mail (after commit)."""
    reason = (reason or "").strip()
    if not reason:
        raise RedemptionError(_("Give the reason for a new code."), status=400)
    cheque = Cheque.objects.select_for_update().get(pk=cheque.pk)
    if cheque.state != ChequeState.ISSUED:
        raise RedemptionError(_("This cheque has been used already."), status=409)
    old_last4 = cheque.code_last4
    seed = codes.new_seed()
    code = codes.from_seed(seed)
    body = codes.normalise(code)
    cheque.code_hash, cheque.code_last4, cheque.code_seed = (
        codes.code_hash(body),
        body[-4:],
        seed,
    )
    cheque.save(update_fields=["code_hash", "code_last4", "code_seed"])
    record_event(CODE_REISSUED, actor=by, obj=cheque, reason=reason, old_last4=old_last4)
    code_reissued.send(sender=Cheque, cheque=cheque, old_last4=old_last4, reason=reason)
    return code


class RedemptionError(Exception):
    def __init__(
        self,
        message: str,
        *,
        status: int,
        attempts_left: int | None = None,
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.message, self.status = message, status
        self.attempts_left, self.retry_after = attempts_left, retry_after


@dataclass
class RedemptionWindow:
    failures: int
    max_failures: int
    lock_minutes: int

    @property
    def attempts_left(self) -> int:
        return max(self.max_failures - self.failures, 0)


def _window(provider) -> RedemptionWindow:
    minutes = settings.CHEQUE_REDEEM_LOCK_MINUTES
    since = timezone.now() - datetime.timedelta(minutes=minutes)
    failures = RedemptionAttempt.objects.filter(
        provider=provider, succeeded=False, created_at__gte=since
    ).count()
    return RedemptionWindow(failures, settings.CHEQUE_REDEEM_MAX_FAILURES, minutes)


def redeem(*, provider, user, code: str, birth_date: datetime.date) -> Cheque:
    """Book a cheque. Unknown code, another provider's cheque and a wrong birth date all
    answer the same "unknown code", so nothing leaks about other providers' cheques.

    A failed attempt is committed before the error is raised, so callers must not run this
    inside a transaction they roll back on error (views turn the error into a response)."""
    with transaction.atomic():
        # Serialise a provider's attempts so the failure count and the lock are exact.
        type(provider).objects.select_for_update().get(pk=provider.pk)
        cheque, error = _try_booking(provider, user, code, birth_date)
    if error is not None:
        raise error
    return cheque


def _try_booking(provider, user, code, birth_date):
    window = _window(provider)
    if window.attempts_left == 0:
        return None, RedemptionError(
            _("Too many wrong codes. Try again in %(m)s minutes.") % {"m": window.lock_minutes},
            status=429,
            retry_after=window.lock_minutes * 60,
        )
    body = codes.normalise(code or "")
    cheque = None
    if body is not None:
        cheque = (
            Cheque.objects.select_for_update()
            .select_related("plan__participant")
            .filter(code_hash=codes.code_hash(body), provider=provider)
            .first()
        )
    if cheque is None or cheque.plan.participant.birth_date != birth_date:
        RedemptionAttempt.objects.create(provider=provider, user=user, succeeded=False)
        left = window.attempts_left - 1
        return None, RedemptionError(
            _("Unknown code. %(n)s attempts left.") % {"n": left}, status=404, attempts_left=left
        )
    if cheque.state != ChequeState.ISSUED:
        return None, RedemptionError(_("This cheque has been used already."), status=409)
    if cheque.valid_until < timezone.now():
        return None, RedemptionError(_("This cheque has expired."), status=409)
    cheque.book(by=user)
    cheque.save()
    RedemptionAttempt.objects.create(provider=provider, user=user, succeeded=True)
    return cheque, None
