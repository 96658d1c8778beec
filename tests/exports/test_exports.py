import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.exports.datasets import DATASETS, euros
from vakmanschap.exports.files import safe
from vakmanschap.funding import ledger
from vakmanschap.funding.plans import approve, submit

URL = "/exports/download/"


def download(client, **params):
    return client.get(URL, {"file_format": "csv", **params})


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def approved(fund):
    plan = fund.plan(
        participant=fund.participant(email="sanne@example.org", phone="0612345678"),
        courses=[fund.course, fund.course_b],
        own_contribution_cents=2_501,
    )
    submit(plan, by=fund.advisor)
    approve(plan, by=fund.fund_officer)
    return plan


def test_urls():
    assert reverse("exports:index") == "/exports/"
    assert reverse("exports:download") == URL


@pytest.mark.parametrize(
    "role, allowed",
    [
        (Role.FUND_OFFICER, True),
        (Role.FINANCE_OFFICER, True),
        (Role.ADVISOR, False),
        (Role.PROVIDER_STAFF, False),
        (Role.EMPLOYER_STAFF, False),
        (Role.PARTICIPANT, False),
        (Role.MONITOR, False),
        (Role.ADMINISTRATOR, False),
    ],
)
def test_only_the_fund_and_finance_export(client, db, role, allowed):
    client.force_login(user_with_role(role))
    expected = 200 if allowed else 403
    assert client.get("/exports/").status_code == expected
    assert download(client, dataset="participants").status_code == expected


def test_anonymous_goes_to_login(client, db):
    assert client.get(URL, {"dataset": "plans"}).status_code == 302


def test_participants_file_has_no_personal_details(client, fund, approved):
    client.force_login(fund.fund_officer)
    response = download(client, dataset="participants")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    [row] = read_csv(response)
    assert list(row) == DATASETS["participants"].columns
    assert row["postcode_area"] == "7511" and row["birth_year"] == "1990"
    assert row["municipality_code"] == "GM0153" and row["target_group"] == "yes"
    body = "".join(row.values())
    for value in ("Sanne", "Vries", "sanne@example.org", "0612345678", "7511 AB", "1990-05-17"):
        assert value not in body


def test_amounts_are_euros_with_two_decimals(client, fund, approved):
    client.force_login(user_with_role(Role.FINANCE_OFFICER))
    [plan] = read_csv(download(client, dataset="plans"))
    assert plan["total_eur"] == "2500.00"
    assert plan["own_contribution_eur"] == "25.01"
    assert plan["fund_amount_eur"] == "2474.99"
    assert plan["shortage_occupation"] == "yes"
    cheques = read_csv(download(client, dataset="cheques"))
    assert sorted(c["amount_eur"] for c in cheques) == ["1979.99", "495.00"]
    assert {c["provider"] for c in cheques} == {"Zorgacademie", "Techniek BV"}


def test_xlsx_has_numeric_euros(client, fund, approved):
    client.force_login(fund.fund_officer)
    response = client.get(URL, {"dataset": "cheques", "file_format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == DATASETS["cheques"].columns
    column = rows[0].index("amount_eur")
    assert sorted(r[column] for r in rows[1:]) == [495.0, 1979.99]
    assert sheet.cell(row=2, column=column + 1).number_format == "0.00"


def test_payments_come_from_the_ledger(client, fund, approved):
    cheque = approved.cheques.order_by("pk").first()
    period = fund.period.pk
    ledger.post(period, "commit", cheque.amount_cents, cheque)
    ledger.post(period, "pay", cheque.amount_cents, cheque)
    ledger.post(period, "recover", 1_000, cheque)
    client.force_login(fund.fund_officer)
    rows = read_csv(download(client, dataset="payments"))
    assert [(r["kind"], r["amount_eur"]) for r in rows] == [
        ("pay", f"{euros(cheque.amount_cents):.2f}"),
        ("recover", "10.00"),
    ]
    assert rows[0]["cheque_id"] == str(cheque.pk) and rows[0]["provider"] == cheque.provider.name
    assert len(read_csv(download(client, dataset="payments", state="recover"))) == 1
    amsterdam = read_csv(download(client, dataset="payments", municipality=fund.amsterdam.pk))
    assert amsterdam == []
    enschede = read_csv(download(client, dataset="payments", municipality=fund.enschede.pk))
    assert len(enschede) == 2


def test_filters(client, fund, approved):
    from vakmanschap.funding.models import BudgetPeriod, FundingStream

    client.force_login(fund.fund_officer)
    today = timezone.localdate()  # filters work on Dutch dates
    assert len(read_csv(download(client, dataset="plans", date_from=today))) == 1
    yesterday = today - datetime.timedelta(days=1)
    assert read_csv(download(client, dataset="plans", date_to=yesterday)) == []
    assert len(read_csv(download(client, dataset="plans", state="approved"))) == 1
    assert read_csv(download(client, dataset="plans", state="rejected")) == []
    assert len(read_csv(download(client, dataset="cheques", municipality=fund.enschede.pk))) == 2
    assert read_csv(download(client, dataset="cheques", municipality=fund.amsterdam.pk)) == []
    other = FundingStream.objects.create(name="Provincie")
    BudgetPeriod.objects.create(stream=other, start=today, end=today)
    stream = approved.funding_period.stream
    assert len(read_csv(download(client, dataset="participants", stream=stream.pk))) == 1
    assert read_csv(download(client, dataset="participants", stream=other.pk)) == []
    assert read_csv(download(client, dataset="cheques", stream=other.pk)) == []


@pytest.mark.parametrize(
    "params, field",
    [
        ({"date_from": "2026-13-45"}, "date_from"),
        ({"date_to": "gisteren"}, "date_to"),
        ({"date_from": "2026-06-02", "date_to": "2026-06-01"}, "date_to"),
        ({"state": "booked"}, "state"),  # a cheque status, not a plan status
        ({"state": "nonsense"}, "state"),
        ({"municipality": "999999"}, "municipality"),
        ({"dataset": "salaries"}, "dataset"),
        ({"file_format": "pdf"}, "file_format"),
    ],
)
def test_bad_filters_name_the_field(client, fund, params, field):
    client.force_login(fund.fund_officer)
    response = client.get(URL, {"dataset": "plans", "file_format": "csv", **params})
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_formulas_are_neutralised():
    assert safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe("Lasser") == "Lasser" and safe(5) == 5
    assert euros(123_456) == Decimal("1234.56")


def test_large_exports_stream_without_a_query_per_row(client, fund, django_assert_max_num_queries):
    for n in range(30):
        fund.participant(given_name=f"P{n}", family_name=f"Naam{n}")
    client.force_login(fund.fund_officer)
    response = download(client, dataset="participants")
    with django_assert_max_num_queries(3):
        rows = read_csv(response)
    assert len(rows) == 30
