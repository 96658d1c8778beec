import datetime
import threading

import pytest
from django.db import connections
from django.utils import timezone

from tests.factories import (
    ChequeFactory,
    RecognisedProviderFactory,
    bare_cheques,
    user_with_role,
)
from vakmanschap.accounts.roles import Role
from vakmanschap.funding import codes, ledger
from vakmanschap.funding.budget_queue import expire_overdue, fund_waiting_plans
from vakmanschap.funding.cheques import RedemptionError, redeem, reissue_code
from vakmanschap.funding.models import Cheque, ChequeState, PlanState
from vakmanschap.funding.plans import approve, submit

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1990, 5, 17)  # the participants' birth date in FundWorld and the factories


def approved_plan(fund, **kwargs):
    plan = fund.plan(**kwargs)
    submit(plan, by=fund.advisor)
    return approve(plan, by=fund.fund_officer)


def test_codes_have_80_random_bits_a_check_symbol_and_typo_tolerance():
    code = codes.generate()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4, 1]
    body = codes.normalise(code)
    assert len(body) == 16 and 16 * 5 >= 80
    assert codes.normalise(code.lower().replace("-", " ")) == body
    assert codes.normalise(code.replace("1", "I").replace("0", "O")) == body
    flipped = ("B" if body[0] != "B" else "C") + code[1:]
    assert codes.normalise(flipped) is None  # the check symbol catches a typo


def issued_cheque():
    """An issued cheque (its code in `cheque.code`) and a staff member of its provider."""
    cheque = ChequeFactory()
    return cheque, user_with_role(Role.PROVIDER_STAFF, cheque.provider)


def test_only_a_hash_and_the_last_four_are_stored():
    cheque, _staff = issued_cheque()
    body = codes.normalise(cheque.code)
    cheque = Cheque.objects.get(pk=cheque.pk)
    assert cheque.code_last4 == body[-4:]
    assert body not in cheque.code_hash and cheque.code_hash == codes.code_hash(body)


def test_provider_books_with_code_and_birth_date():
    cheque, staff = issued_cheque()
    booking = dict(provider=cheque.provider, user=staff, code=cheque.code, birth_date=BIRTH)
    booked = redeem(**booking)
    assert booked.pk == cheque.pk and booked.state == ChequeState.BOOKED
    with pytest.raises(RedemptionError) as again:
        redeem(**booking)
    assert again.value.status == 409


def test_another_providers_cheque_reads_as_unknown_code():
    cheque, _staff = issued_cheque()
    other = RecognisedProviderFactory()
    with pytest.raises(RedemptionError) as error:
        redeem(
            provider=other,
            user=user_with_role(Role.PROVIDER_STAFF, other),
            code=cheque.code,
            birth_date=BIRTH,
        )
    assert error.value.status == 404
    assert "Onbekende code" in error.value.message and error.value.attempts_left == 4


def test_wrong_birth_date_reads_as_unknown_code():
    cheque, staff = issued_cheque()
    with pytest.raises(RedemptionError) as error:
        redeem(
            provider=cheque.provider,
            user=staff,
            code=cheque.code,
            birth_date=datetime.date(1991, 1, 1),
        )
    assert error.value.status == 404


def test_repeated_wrong_codes_lock_the_provider(settings):
    cheque, staff = issued_cheque()
    for left in range(settings.CHEQUE_REDEEM_MAX_FAILURES - 1, -1, -1):
        with pytest.raises(RedemptionError) as error:
            redeem(provider=cheque.provider, user=staff, code=codes.generate(), birth_date=BIRTH)
        assert error.value.attempts_left == left
    with pytest.raises(RedemptionError) as locked:
        redeem(provider=cheque.provider, user=staff, code=cheque.code, birth_date=BIRTH)
    assert locked.value.status == 429 and locked.value.retry_after == 15 * 60


def test_reissued_code_replaces_the_old_one():
    cheque, staff = issued_cheque()
    new = reissue_code(cheque, by=cheque.plan.author, reason="Brief kwijt")
    with pytest.raises(RedemptionError):
        redeem(provider=cheque.provider, user=staff, code=cheque.code, birth_date=BIRTH)
    assert (
        redeem(provider=cheque.provider, user=staff, code=new, birth_date=BIRTH).state
        == ChequeState.BOOKED
    )


def test_expiry_releases_the_money_and_funds_the_waiting_list(fund):
    approved_plan(fund)  # reserves 200.000 of 1.000.000
    fund.course_b.price_cents = 900_000
    fund.course_b.save()
    waiting = fund.plan(
        participant=fund.participant(given_name="Ahmed", email="a@example.org"),
        courses=[fund.course_b],
    )
    submit(waiting, by=fund.advisor)
    assert approve(waiting, by=fund.fund_officer).plan.state == PlanState.WAITING_LIST
    assert expire_overdue(timezone.now() + datetime.timedelta(days=200)) == 1
    waiting.refresh_from_db()
    assert waiting.state == PlanState.APPROVED
    assert ledger.balances(fund.period).reserved == 900_000


def test_waiting_list_puts_target_groups_first_then_submission_time(fund):
    from vakmanschap.funding.models import TrainingPlan

    [hold] = bare_cheques(fund.period, 1)
    ledger.post(fund.period.pk, "reserve", 1_000_000, hold)  # no money left
    fund.course_b.price_cents = 400_000
    fund.course_b.save()
    employed = fund.plan(
        participant=fund.participant(
            given_name="Bas", email="b@example.org", work_situation="employed_full_time"
        ),
        courses=[fund.course_b],
    )
    unemployed = fund.plan(
        participant=fund.participant(
            given_name="Cor", email="c@example.org", work_situation="unemployed"
        ),
        courses=[fund.course_b],
    )
    for plan in (employed, unemployed):  # the employed person submits first
        submit(plan, by=fund.advisor)
        assert approve(plan, by=fund.fund_officer).plan.state == PlanState.WAITING_LIST
    assert list(TrainingPlan.objects.waiting_queue(fund.period.pk)) == [unemployed, employed]
    ledger.post(fund.period.pk, "release", 400_000, hold)
    assert fund_waiting_plans(fund.period.pk) == [unemployed]
    employed.refresh_from_db()
    assert employed.state == PlanState.WAITING_LIST


@pytest.mark.django_db(transaction=True)
def test_a_code_works_only_once_when_two_requests_race(postgres_only):
    from tests.funding.conftest import FundWorld

    fund = FundWorld()
    ((_, code),) = approved_plan(fund).codes.items()
    outcomes = []
    barrier = threading.Barrier(6)

    def attempt():
        try:
            barrier.wait()
            redeem(provider=fund.provider, user=fund.provider_user, code=code, birth_date=BIRTH)
            outcomes.append("booked")
        except RedemptionError as error:
            outcomes.append(error.status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=str) == sorted(["booked"] + [409] * 5, key=str)
