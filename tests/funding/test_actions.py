"""The state machines decide which actions are offered and allowed: draft edit and delete,
four eyes on the decision, closing a plan, cancelling a cheque."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django_fsm_log.models import StateLog

from tests.factories import bare_cheques, user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.core.fsm import available_actions
from vakmanschap.funding import cancellation, cheque_account, ledger, plans
from vakmanschap.funding.models import Cheque, ChequeState, PlanState, TrainingPlan


def _html(response):
    return response.content.decode()


def _approved(fund, person=None):
    plan = fund.plan(participant=person or fund.participant())
    plans.submit(plan, by=fund.advisor)
    plans.approve(plan, by=fund.fund_officer)
    return plan, plan.cheques.get()


# The machine answers per user --------------------------------------------------------------


def test_actions_follow_state_and_person(fund):
    plan = fund.plan()
    assert available_actions(plan, fund.advisor) == {"submit"}
    assert available_actions(plan, fund.other_advisor) == set()
    assert available_actions(plan, fund.fund_officer) == set()
    plans.submit(plan, by=fund.advisor)
    plan.refresh_from_db()
    assert available_actions(plan, fund.advisor) == set()
    assert available_actions(plan, fund.fund_officer) == {
        "approve",
        "reject",
        "return_for_changes",
    }
    assert available_actions(plan, fund.provider_user) == set()


def test_the_first_approver_is_not_offered_approve_again(client, fund):
    plan = fund.plan(occupation=fund.clerk, labour_market_justification="Vacature bij werkgever.")
    plans.submit(plan, by=fund.advisor)
    client.force_login(fund.fund_officer)
    client.post(reverse("funding:plan_decide", args=[plan.pk]), {"decision": "approve"})
    plan.refresh_from_db()
    assert plan.state == PlanState.SECOND_APPROVAL
    page = _html(client.get(reverse("funding:plan_detail", args=[plan.pk])))
    assert 'value="approve"' not in page and 'id="waiting-for-second"' in page
    assert "approve" not in available_actions(plan, fund.fund_officer)
    client.force_login(fund.second_officer)
    page = _html(client.get(reverse("funding:plan_detail", args=[plan.pk])))
    assert 'value="approve"' in page


def test_a_waiting_plan_is_funded_by_the_queue_not_by_a_button(fund):
    [hold] = bare_cheques(fund.period, 1)  # uses up the budget
    ledger.post(fund.period.pk, "reserve", ledger.balances(fund.period).available, hold)
    plan = fund.plan()
    plans.submit(plan, by=fund.advisor)
    assert plans.approve(plan, by=fund.fund_officer).plan.state == PlanState.WAITING_LIST
    plan.refresh_from_db()
    assert available_actions(plan, fund.fund_officer) == set()
    with pytest.raises(plans.PlanNotAllowed):
        plans.approve(plan, by=fund.second_officer)


# Draft plans: change and delete ------------------------------------------------------------


def _plan_post(fund, **overrides):
    data = {
        "target": str(fund.nurse.pk),
        "courses": [fund.course.pk, fund.course_b.pk],
        "funding_period": fund.period.pk,
        "own_contribution": "0",
        "justification": "Toch twee cursussen.",
    }
    data.update(overrides)
    return data


def test_the_author_organisation_changes_and_deletes_a_draft(client, fund):
    plan = fund.plan()
    client.force_login(fund.colleague)  # same advice organisation as the author
    url = reverse("funding:plan_edit", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _plan_post(fund))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.justification == "Toch twee cursussen." and plan.courses.count() == 2
    assert plan.total_cents == fund.course.price_cents + fund.course_b.price_cents
    detail = _html(client.get(reverse("funding:plan_detail", args=[plan.pk])))
    assert reverse("funding:plan_delete", args=[plan.pk]) in detail
    response = client.post(reverse("funding:plan_delete", args=[plan.pk]))
    assert response.status_code == 302 and not TrainingPlan.objects.filter(pk=plan.pk).exists()


def test_another_organisation_cannot_change_or_delete_a_draft(client, fund):
    plan = fund.plan()
    client.force_login(fund.other_advisor)
    assert client.get(reverse("funding:plan_edit", args=[plan.pk])).status_code == 404
    assert (
        client.post(reverse("funding:plan_edit", args=[plan.pk]), _plan_post(fund)).status_code
        == 404
    )
    assert client.post(reverse("funding:plan_delete", args=[plan.pk])).status_code == 404
    assert TrainingPlan.objects.filter(pk=plan.pk, justification="Wil de zorg in.").exists()


def test_bad_input_on_a_draft_names_the_field_and_changes_nothing(client, fund):
    plan = fund.plan()
    client.force_login(fund.advisor)
    response = client.post(
        reverse("funding:plan_edit", args=[plan.pk]), _plan_post(fund, courses=[], justification="")
    )
    html = _html(response)
    assert response.status_code == 400
    assert 'id="id_courses_error"' in html and 'id="id_justification_error"' in html
    plan.refresh_from_db()
    assert plan.justification == "Wil de zorg in." and plan.courses.count() == 1


def test_a_submitted_plan_is_neither_changed_nor_deleted(client, fund):
    plan = fund.plan()
    plans.submit(plan, by=fund.advisor)
    client.force_login(fund.advisor)
    detail = _html(client.get(reverse("funding:plan_detail", args=[plan.pk])))
    assert reverse("funding:plan_edit", args=[plan.pk]) not in detail
    assert reverse("funding:plan_delete", args=[plan.pk]) not in detail
    client.post(reverse("funding:plan_edit", args=[plan.pk]), _plan_post(fund))
    client.post(reverse("funding:plan_delete", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED and plan.courses.count() == 1
    with pytest.raises(plans.PlanNotAllowed):
        plans.delete_draft(plan)


def test_write_a_plan_is_not_offered_while_a_plan_is_open(client, fund):
    person = fund.participant()
    client.force_login(fund.advisor)
    new_plan = reverse("funding:plan_new", args=[person.pk])
    assert new_plan in _html(client.get(reverse("people:detail", args=[person.pk])))
    plan = fund.plan(participant=person)
    page = _html(client.get(reverse("people:detail", args=[person.pk])))
    assert new_plan not in page and reverse("funding:plan_detail", args=[plan.pk]) in page
    # Opening the form anyway leads to the open plan at once, not after filling it in.
    response = client.get(new_plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:plan_detail", args=[plan.pk])


# Closing a plan ----------------------------------------------------------------------------


def test_the_fund_closes_an_ended_plan_with_a_reason(client, fund):
    plan = fund.plan()
    plans.submit(plan, by=fund.advisor)
    plans.reject(plan, by=fund.fund_officer, reason="Past niet.")
    client.force_login(fund.fund_officer)
    url = reverse("funding:plan_close", args=[plan.pk])
    assert url in _html(client.get(reverse("funding:plan_detail", args=[plan.pk])))
    client.post(url, {"reason": "  "})
    plan.refresh_from_db()
    assert plan.state == PlanState.REJECTED
    client.post(url, {"reason": "Dossier afgerond."})
    plan.refresh_from_db()
    assert plan.state == PlanState.CLOSED and plan.decision_reason == "Past niet."
    log = StateLog.objects.for_(plan).latest("timestamp")
    assert (log.state, log.by, log.description) == (
        "closed",
        fund.fund_officer,
        "Dossier afgerond.",
    )


def test_an_open_plan_cannot_be_closed_and_an_advisor_may_not_close(client, fund):
    plan, _cheque = _approved(fund)
    with pytest.raises(plans.PlanNotAllowed):
        plans.close(plan, by=fund.fund_officer, reason="Weg ermee")
    client.force_login(fund.advisor)
    response = client.post(reverse("funding:plan_close", args=[plan.pk]), {"reason": "x"})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED


# Cancelling a cheque -----------------------------------------------------------------------


def test_cancelling_a_cheque_releases_its_money_and_tells_both_sides(
    client, fund, mailoutbox, django_capture_on_commit_callbacks
):
    person = fund.participant(email="sanne@example.org")
    plan, cheque = _approved(fund, person)
    available = ledger.balances(fund.period).available
    client.force_login(fund.fund_officer)
    page = _html(client.get(reverse("funding:plan_detail", args=[plan.pk])))
    url = reverse("funding:cheque_cancel", args=[cheque.pk])
    assert url in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"x{cheque.pk}-reason": "Cursus vervalt."})
    assert response.status_code == 302
    cheque.refresh_from_db()
    plan.refresh_from_db()
    assert cheque.state == ChequeState.CANCELLED
    assert cheque_account.balances(cheque).reserved == 0
    assert ledger.balances(fund.period).available == available + cheque.amount_cents
    assert (
        plan.state == PlanState.DROPPED_OUT
    )  # nothing left running: the participant may start over
    event = LogEntry.objects.filter(additional_data__event="cheque_cancelled").get()
    assert event.actor == fund.fund_officer and event.additional_data["reason"] == "Cursus vervalt."
    recipients = {m.to[0]: m for m in mailoutbox}
    assert "Cursus vervalt." in recipients["sanne@example.org"].body
    assert "Cursus vervalt." in recipients[fund.provider_user.email].body


def test_cancelling_needs_a_reason_and_the_right_state(client, fund):
    _plan, cheque = _approved(fund)
    client.force_login(fund.fund_officer)
    url = reverse("funding:cheque_cancel", args=[cheque.pk])
    client.post(url, {f"x{cheque.pk}-reason": ""})
    cheque.refresh_from_db()
    assert cheque.state == ChequeState.ISSUED and cheque_account.balances(cheque).reserved
    with pytest.raises(cancellation.CancellationError) as error:
        cancellation.cancel_cheque(cheque, by=fund.fund_officer, reason=" ")
    assert error.value.field == "reason"
    Cheque.objects.filter(pk=cheque.pk).update(state=ChequeState.EXPIRED)
    with pytest.raises(cancellation.CancellationError):
        cancellation.cancel_cheque(cheque, by=fund.fund_officer, reason="Te laat")


def test_only_a_fund_officer_cancels(client, fund):
    _plan, cheque = _approved(fund)
    url = reverse("funding:cheque_cancel", args=[cheque.pk])
    for outsider in (fund.advisor, fund.provider_user, fund.finance_officer):
        client.force_login(outsider)
        assert client.post(url, {f"x{cheque.pk}-reason": "Weg"}).status_code == 403
        with pytest.raises(cancellation.CancellationError):
            cancellation.cancel_cheque(cheque, by=outsider, reason="Weg")
    cheque.refresh_from_db()
    assert cheque.state == ChequeState.ISSUED


def test_cancelled_money_funds_the_waiting_list(fund):
    _plan, cheque = _approved(fund)
    [hold] = bare_cheques(fund.period, 1)  # uses up the budget
    ledger.post(fund.period.pk, "reserve", ledger.balances(fund.period).available, hold)
    waiting = fund.plan(participant=fund.participant(family_name="Wachter", email="w@example.org"))
    plans.submit(waiting, by=fund.advisor)
    assert plans.approve(waiting, by=fund.fund_officer).plan.state == PlanState.WAITING_LIST
    cancellation.cancel_cheque(cheque, by=fund.fund_officer, reason="Cursus vervalt.")
    waiting.refresh_from_db()
    assert waiting.state == PlanState.APPROVED


def test_unknown_cheque_answers_404(client, fund):
    officer = user_with_role(Role.FUND_OFFICER)
    client.force_login(officer)
    assert client.post(reverse("funding:cheque_cancel", args=[999999]), {}).status_code == 404
