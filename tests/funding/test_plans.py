import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from vakmanschap.funding import eligibility, ledger
from vakmanschap.funding.models import PlanState
from vakmanschap.funding.plans import (
    PlanNotAllowed,
    approve,
    reject,
    return_for_changes,
    split_contribution,
    submit,
)


def results_by_rule(plan):
    return {r.rule: r for r in eligibility.check(plan, datetime.date(2026, 6, 1))}


def test_the_happy_path_reserves_the_money_and_issues_one_cheque_per_course(fund):
    plan = fund.plan(courses=[fund.course, fund.course_b], own_contribution_cents=25_000)
    assert (plan.total_cents, plan.fund_amount_cents) == (250_000, 225_000)
    submit(plan, by=fund.advisor)
    decision = approve(plan, by=fund.fund_officer)
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    assert len(decision.codes) == 2
    assert ledger.balances(fund.period).reserved == 225_000
    assert sorted(c.amount_cents for c in plan.cheques.all()) == [45_000, 180_000]
    assert {r["rule"] for r in plan.eligibility} >= {"residence", "age", "max_amount"}


def test_the_author_may_not_approve_their_own_plan(fund):
    plan = fund.plan()
    submit(plan, by=fund.advisor)
    with pytest.raises(PlanNotAllowed):
        approve(plan, by=fund.advisor)


def test_each_rule_gives_its_reason(fund):
    outsider = fund.participant(
        given_name="Piet", municipality=fund.amsterdam, birth_date=datetime.date(1950, 1, 1)
    )
    plan = fund.plan(participant=outsider, occupation=fund.clerk)
    rules = results_by_rule(plan)
    assert not rules["residence"].ok and "Amsterdam" in rules["residence"].message
    assert not rules["age"].ok
    assert not rules["shortage_occupation"].ok
    assert rules["course_level"].ok and rules["provider_recognised"].ok


def test_age_bounds_are_inclusive_of_18_and_exclusive_of_state_pension_age(fund):
    plan = fund.plan(participant=fund.participant(birth_date=datetime.date(2008, 6, 1)))
    assert results_by_rule(plan)["age"].ok  # 18 today
    plan.participant.birth_date = datetime.date(2008, 6, 2)
    assert not results_by_rule(plan)["age"].ok  # 18 tomorrow


def test_maximum_per_participant_counts_earlier_plans(fund):
    fund.scheme.max_amount_cents = 220_000
    fund.scheme.save()
    person = fund.participant()
    first = fund.plan(participant=person, courses=[fund.course])  # 200.000
    submit(first, by=fund.advisor)
    approve(first, by=fund.fund_officer)
    _close(first)
    second = fund.plan(participant=person, courses=[fund.course_b])  # 50.000 more
    rule = results_by_rule(second)["max_amount"]
    with translation.override("nl"):
        assert not rule.ok and "€ 2.500,00" in rule.message
    with translation.override("en"):
        assert "€2,500.00" in rule.message


def _close(plan):
    """Walk an approved plan to closed, so the participant may have a new plan."""
    plan.refresh_from_db()
    plan.drop_out(by=None)
    plan.save()
    plan.close(by=None)
    plan.save()


def test_a_suspended_provider_gets_no_cheques(fund):
    fund.provider.recognition.suspended = True
    fund.provider.recognition.suspension_reason = "Onderzoek naar declaraties"
    fund.provider.recognition.save()
    plan = fund.plan()
    assert not results_by_rule(plan)["provider_recognised"].ok
    with pytest.raises(PlanNotAllowed):
        submit(plan, by=fund.advisor)
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_course_cap_stops_a_rush_on_one_course(fund):
    fund.scheme.course_cheque_cap = 1
    fund.scheme.save()
    first = fund.plan()
    submit(first, by=fund.advisor)
    approve(first, by=fund.fund_officer)
    second = fund.plan(participant=fund.participant(given_name="Ahmed", email="a@example.org"))
    assert not results_by_rule(second)["course_cap"].ok


def test_one_open_plan_per_participant_also_in_the_database(fund):
    from django.db import IntegrityError, transaction

    from vakmanschap.funding.models import TrainingPlan

    person = fund.participant()
    first = fund.plan(participant=person)
    with pytest.raises(PlanNotAllowed):
        fund.plan(participant=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingPlan.objects.create(
            participant=person,
            author=fund.advisor,
            scheme=fund.scheme,
            funding_period=fund.period,
            target_occupation=fund.nurse,
        )
    assert TrainingPlan.objects.filter(participant=person).get() == first


def test_off_list_occupation_with_prospect_needs_two_different_approvers(fund):
    plan = fund.plan(occupation=fund.clerk, labour_market_justification="Vacature bij werkgever.")
    submit(plan, by=fund.advisor)
    first = approve(plan, by=fund.fund_officer)
    assert first.plan.state == PlanState.SECOND_APPROVAL and first.codes == {}
    with pytest.raises(PlanNotAllowed):
        approve(plan, by=fund.fund_officer)
    assert approve(plan, by=fund.second_officer).plan.state == PlanState.APPROVED


def test_rejection_needs_a_reason_and_is_logged(fund):
    from django_fsm_log.models import StateLog

    plan = fund.plan()
    submit(plan, by=fund.advisor)
    with pytest.raises(PlanNotAllowed):
        reject(plan, by=fund.fund_officer, reason="  ")
    reject(plan, by=fund.fund_officer, reason="Opleiding sluit niet aan.")
    log = StateLog.objects.for_(plan).latest("timestamp")
    assert (log.state, log.by, log.description) == (
        "rejected",
        fund.fund_officer,
        "Opleiding sluit niet aan.",
    )


def test_returned_plan_can_be_submitted_again(fund):
    plan = fund.plan()
    submit(plan, by=fund.advisor)
    return_for_changes(plan, by=fund.fund_officer, reason="Motivatie aanvullen.")
    assert submit(plan, by=fund.advisor).state == PlanState.SUBMITTED


@pytest.mark.parametrize(
    "prices, contribution, expected",
    [
        ([100, 100], 50, [75, 75]),
        ([200_000, 50_000], 25_000, [180_000, 45_000]),
        ([1, 1, 1], 2, [0, 0, 1]),
        ([3, 1], 3, [1, 0]),
        ([500], 0, [500]),
    ],
)
def test_own_contribution_is_split_pro_rata_in_whole_cents(prices, contribution, expected):
    fund_amounts = split_contribution(prices, contribution)
    assert fund_amounts == expected
    assert sum(prices) - sum(fund_amounts) == contribution
    assert all(0 <= f <= p for f, p in zip(fund_amounts, prices, strict=True))


@given(st.lists(st.integers(min_value=0, max_value=1_000_000), min_size=1, max_size=6), st.data())
def test_split_contribution_never_exceeds_a_price(prices, data):
    contribution = data.draw(st.integers(min_value=0, max_value=sum(prices)))
    fund_amounts = split_contribution(prices, contribution)
    assert sum(prices) - sum(fund_amounts) == contribution
    assert all(0 <= f <= p for f, p in zip(fund_amounts, prices, strict=True))


def test_the_file_closes_when_the_plan_ends_and_reopens_with_a_new_plan(fund):
    person = fund.participant()
    plan = fund.plan(participant=person)
    submit(plan, by=fund.advisor)
    reject(plan, by=fund.fund_officer, reason="Past niet.")
    person.refresh_from_db()
    assert person.closed_at is not None
    plan.refresh_from_db()
    plan.close(by=None)
    plan.save()
    fund.plan(participant=person)
    person.refresh_from_db()
    assert person.closed_at is None


def test_expire_command_releases_overdue_cheques(fund, capsys):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from vakmanschap.funding.models import Cheque

    plan = fund.plan()
    submit(plan, by=fund.advisor)
    approve(plan, by=fund.fund_officer)
    Cheque.objects.update(valid_until=timezone.now() - datetime.timedelta(days=1))
    call_command("expire_cheques")
    assert "1" in capsys.readouterr().out
    assert ledger.balances(fund.period).reserved == 0


def test_plan_form_offers_only_the_schemes_region_list(fund):
    """A second region's shortage list never shows up in a scheme of the home region."""
    from vakmanschap.esco.models import ShortageList, ShortageOccupation
    from vakmanschap.funding.forms import PlanForm
    from vakmanschap.region.models import LabourMarketRegion

    other = LabourMarketRegion.objects.create(code="achterhoek", name="Achterhoek")
    achterhoek_list = ShortageList.objects.create(
        region=other, valid_from=datetime.date(2020, 1, 1)
    )
    ShortageOccupation.objects.create(shortage_list=achterhoek_list, occupation=fund.clerk)
    offered = {
        value for value, _label in PlanForm(region=fund.scheme.region).fields["target"].choices
    }
    assert str(fund.nurse.pk) in offered and str(fund.clerk.pk) not in offered
    offered = {value for value, _label in PlanForm(region=other).fields["target"].choices}
    assert str(fund.clerk.pk) in offered and str(fund.nurse.pk) not in offered
