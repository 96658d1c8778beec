"""The fund's figures after one fixed script through the API must not change when the money
code is restructured: approvals, the waiting list, balances per bucket and ledger totals.

The expected figures in `fund_figures.json` were recorded before the cheque's money moved to
`funding/cheque_account.py`. To re-record after an intended change of behaviour:
`FUND_FIGURES_RECORD=1 pytest tests/api/test_fund_figures.py`.
"""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Sum

from tests.api.test_fund_workflow_api import (
    client_for,
    new_participant,
    new_stream,
    start_yesterday,
)
from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.delivery import invoicing, payments
from vakmanschap.delivery.models import Invoice, Recovery
from vakmanschap.funding import budget_queue, ledger
from vakmanschap.funding.models import (
    Cheque,
    LedgerEntry,
    LowAttendancePolicy,
    RecognisedProvider,
    TrainingPlan,
)

pytestmark = pytest.mark.django_db

EXPECTED = Path(__file__).with_name("fund_figures.json")


def _certificate():
    return SimpleUploadedFile("d.pdf", b"%PDF-1.4\n% certificate\n", content_type="application/pdf")


def _deliver(provider_api, fund_api, finance_api, cheque_id, attendance, amount):
    url = f"/api/v1/cheques/{cheque_id}"
    assert start_yesterday(provider_api, cheque_id).status_code == 200
    provider_api.post(f"{url}/attendance", {"percent": attendance}, format="json")
    done = provider_api.post(f"{url}/complete", {"certificate": _certificate()}, format="multipart")
    assert done.status_code == 200, done.json()
    invoice = provider_api.post(
        "/api/v1/invoices", {"cheque": cheque_id, "amount_cents": amount}, format="json"
    ).json()["id"]
    assert fund_api.post(f"/api/v1/invoices/{invoice}/check").status_code == 200
    assert finance_api.post(f"/api/v1/invoices/{invoice}/approve").status_code == 200
    return invoice


def run_script() -> dict:
    world = FundWorld(allocated=0)
    world.scheme.low_attendance_policy = LowAttendancePolicy.RECOVERY
    world.scheme.save()
    RecognisedProvider.objects.filter(provider=world.provider).update(iban="NL91ABNA0417164300")
    finance2 = user_with_role(Role.FINANCE_OFFICER)
    fund_api, advisor_api = client_for(world.fund_officer), client_for(world.advisor)
    provider_api, finance_api = client_for(world.provider_user), client_for(world.finance_officer)
    stream = new_stream(fund_api, allocated=700_000)
    plan_ids, codes = [], {}
    for n, contribution in enumerate([0, 0, 50_000, 0, 0]):
        participant = new_participant(
            advisor_api, family_name=f"Deelnemer {n}", email=f"p{n}@example.org"
        )
        body = advisor_api.post(
            "/api/v1/plans",
            {
                "participant": participant,
                "target_occupation": world.nurse.uri,
                "courses": [world.course.pk],
                "funding_stream": stream,
                "justification": "x",
                "own_contribution_cents": contribution,
            },
            format="json",
        ).json()
        plan_ids.append(body["id"])
        advisor_api.post(f"/api/v1/plans/{body['id']}/submit")
        decision = fund_api.post(f"/api/v1/plans/{body['id']}/approve").json()
        codes[n] = [c["code"] for c in decision["cheques"]]

    def redeem(n):
        answer = provider_api.post(
            "/api/v1/cheques/redeem",
            {"code": codes[n][0], "birth_date": "1990-05-17"},
            format="json",
        ).json()
        return answer["id"]

    # 0: full delivery, paid. 2: low attendance, paid with the scheme's policy, recovery back.
    paid = [
        _deliver(provider_api, fund_api, finance_api, redeem(0), 92, 200_000),
        _deliver(provider_api, fund_api, finance_api, redeem(2), 60, 150_000),
    ]
    batch = payments.create_batch(by=finance2, invoices=paid)
    payments.mark_batch_paid(batch, by=finance2)
    for recovery in Recovery.objects.order_by("pk"):
        invoicing.record_recovery_received(recovery, by=finance2)
    # 1: booked, then dropped out before the start; the queue is funded afterwards.
    cheque_1 = redeem(1)
    assert (
        provider_api.post(
            f"/api/v1/cheques/{cheque_1}/drop-out", {"reason": "Verhuisd"}, format="json"
        ).status_code
        == 200
    )
    budget_queue.fund_waiting_plans(stream)
    # Whatever is still issued expires; its money funds the rest of the queue.
    budget_queue.expire_overdue(now=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC))
    return figures(fund_api, stream, plan_ids)


def figures(fund_api, stream, plan_ids) -> dict:
    balances = fund_api.get(f"/api/v1/funding-streams/{stream}").json()
    balances.pop("id")
    order = {pk: n for n, pk in enumerate(plan_ids)}
    per_plan = {}
    for plan in TrainingPlan.objects.filter(pk__in=plan_ids):
        cheque_rows = []
        for cheque in Cheque.objects.filter(plan=plan).order_by("pk"):
            held = ledger.cheque_balances(stream, cheque.pk)
            cheque_rows.append(
                {
                    "state": cheque.state,
                    "amount_cents": cheque.amount_cents,
                    "reserved": held.reserved,
                    "committed": held.committed,
                    "paid": held.paid,
                    "recovered": held.recovered,
                }
            )
        per_plan[str(order[plan.pk])] = {
            "state": plan.state,
            "fund_amount_cents": plan.fund_amount_cents,
            "cheques": cheque_rows,
        }
    totals = {
        row["kind"]: [row["n"], row["cents"]]
        for row in LedgerEntry.objects.filter(period_id=stream)
        .values("kind")
        .annotate(n=Count("id"), cents=Sum("amount_cents"))
        .order_by("kind")
    }
    return {
        "balances": balances,
        "plans": dict(sorted(per_plan.items())),
        "ledger_totals": totals,
        "invoices": list(
            Invoice.objects.order_by("pk").values_list("state", "amount_cents", "payable_cents")
        ),
        "recoveries": list(Recovery.objects.order_by("pk").values_list("amount_cents", flat=True)),
    }


def test_the_fund_api_figures_are_unchanged():
    result = json.loads(json.dumps(run_script()))
    assert result["balances"]["available_cents"] >= 0  # never overdrawn
    if os.environ.get("FUND_FIGURES_RECORD"):
        EXPECTED.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    assert result == json.loads(EXPECTED.read_text())
