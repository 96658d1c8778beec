"""POST /api/v1/cheques/{id}/cancel: the fund officer of the cheque's region cancels with a
reason; the money goes back to the budget. Others: 403 (no role) or 404 (another region)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.api import contract
from tests.api.test_fund_workflow_api import client_for
from tests.factories import MunicipalityFactory, OrganisationFactory, user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.funding import cheque_account, ledger, plans
from vakmanschap.funding.models import Cheque, ChequeState, PlanState
from vakmanschap.region.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund():
    return FundWorld()


def _issued(fund):
    plan = fund.plan()
    plans.submit(plan, by=fund.advisor)
    plans.approve(plan, by=fund.fund_officer)
    return plan.cheques.get()


def _url(cheque):
    return f"/api/v1/cheques/{cheque.pk}/cancel"


def test_the_fund_officer_cancels_and_the_money_returns(fund):
    cheque = _issued(fund)
    available = ledger.balances(fund.period).available
    response = client_for(fund.fund_officer).post(
        _url(cheque), {"reason": "Cursus vervalt."}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body == {
        "id": cheque.pk,
        "status": "cancelled",
        "plan": cheque.plan_id,
        "plan_status": PlanState.DROPPED_OUT,
    }
    assert contract.errors(body, "CancelledCheque") == []
    cheque.refresh_from_db()
    assert cheque.state == ChequeState.CANCELLED
    assert cheque_account.balances(cheque).reserved == 0
    assert ledger.balances(fund.period).available == available + cheque.amount_cents


def test_a_reason_is_required_and_nothing_changes_without_one(fund):
    cheque = _issued(fund)
    api = client_for(fund.fund_officer)
    for body in ({}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 100_000}):
        response = api.post(_url(cheque), body, format="json")
        assert response.status_code == 400, body
        assert response["Content-Type"].startswith("application/problem+json")
        assert "reason" in response.json()["errors"], body
    cheque.refresh_from_db()
    assert cheque.state == ChequeState.ISSUED and cheque_account.balances(cheque).reserved


def test_a_cheque_in_the_wrong_state_is_refused_as_a_problem(fund):
    cheque = _issued(fund)
    Cheque.objects.filter(pk=cheque.pk).update(state=ChequeState.EXPIRED)
    api = client_for(fund.fund_officer)
    response = api.post(_url(cheque), {"reason": "Weg"}, format="json")
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert "uitgegeven of geboekte cheque" in response.json()["detail"]
    english = api.post(_url(cheque), {"reason": "Weg"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert "issued or booked cheque" in english.json()["detail"]
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.EXPIRED


def test_other_roles_are_refused(fund):
    cheque = _issued(fund)
    for outsider in (fund.advisor, fund.provider_user, fund.finance_officer):
        response = client_for(outsider).post(_url(cheque), {"reason": "Weg"}, format="json")
        assert response.status_code == 403, outsider
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.ISSUED


def test_a_fund_officer_of_another_region_gets_404(fund):
    cheque = _issued(fund)
    achterhoek = LabourMarketRegion.objects.create(code="achterhoek", name="Achterhoek")
    aalten = MunicipalityFactory(cbs_code="GM0197", name="Aalten")
    aalten.region = achterhoek
    aalten.save()
    other_fund = OrganisationFactory(kind=OrganisationKind.FUND, municipality=aalten)
    other_officer = user_with_role(Role.FUND_OFFICER, other_fund)
    api = client_for(other_officer)
    refused = api.post(_url(cheque), {"reason": "Weg"}, format="json")
    unknown = api.post("/api/v1/cheques/999999/cancel", {"reason": "Weg"}, format="json")
    assert refused.status_code == unknown.status_code == 404
    assert refused.json()["detail"] == unknown.json()["detail"]
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.ISSUED
    # The same boundary holds on the web page's form.
    web = Client()
    web.force_login(other_officer)
    url = reverse("funding:cheque_cancel", args=[cheque.pk])
    assert web.post(url, {f"x{cheque.pk}-reason": "Weg"}).status_code == 404
