"""Money typed into forms or sent to the API: one notation rule, bounds, never a 500."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.api.test_fund_workflow_api import client_for
from vakmanschap.funding import ledger
from vakmanschap.funding.models import FundingStream

pytestmark = pytest.mark.django_db

HUGE = str(2**63 - 1)


def _allocate(client, fund, amount):
    return client.post(
        reverse("funding:allocate", args=[fund.period.pk]),
        {f"p{fund.period.pk}-amount": amount, f"p{fund.period.pk}-reason": "Top-up"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="nl",
    )


@pytest.mark.parametrize("amount", [HUGE, "1e30", "Infinity", "sNaN", "1.250"])
def test_the_budget_refuses_an_allocation_that_is_not_one_sane_amount(client, fund, amount):
    client.force_login(fund.fund_officer)
    response = _allocate(client, fund, amount)
    assert response.status_code == 200
    assert ledger.balances(fund.period).allocated == 1_000_000
    assert "Vul " in response.content.decode() or "twee manieren" in response.content.decode()


def test_the_budget_reads_dutch_and_english_notation(client, fund):
    client.force_login(fund.fund_officer)
    _allocate(client, fund, "1.250,50")
    _allocate(client, fund, "1,000.00")
    _allocate(client, fund, "850,00")
    assert ledger.balances(fund.period).allocated == 1_000_000 + 125_050 + 100_000 + 85_000


@pytest.mark.parametrize("allocated", [2**63 - 1, 1e30, "1e30", -1, True, 12.5])
def test_the_api_refuses_an_allocation_out_of_bounds(fund, allocated):
    api = client_for(fund.fund_officer)
    with translation.override("en"):
        response = api.post(
            "/api/v1/funding-streams",
            {
                "name": "Enorm",
                "period_start": "2026-01-01",
                "period_end": "2026-12-31",
                "allocated_cents": allocated,
            },
            format="json",
        )
    assert response.status_code == 400
    assert "allocated_cents" in response.content.decode()
    assert not FundingStream.objects.filter(name="Enorm").exists()
