import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.delivery.conftest import BIRTH, pdf
from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.delivery import invoicing, payments
from vakmanschap.delivery.models import Invoice, InvoiceState
from vakmanschap.funding.models import Cheque, ChequeState, RecognisedProvider
from vakmanschap.funding.plans import approve, submit


def _html(response):
    return response.content.decode()


# Provider A never sees or acts on provider B's things --------------------------------------


@pytest.fixture
def b_things(world):
    """Provider B's completed cheque with a certificate and an invoice."""
    cheque = world.completed(world.other_provider)
    invoice = invoicing.submit_invoice(
        cheque, by=world.other_provider_user, number="B-SECRET-1", amount_cents=10_000
    )
    return cheque, invoice


def test_provider_a_gets_404_for_everything_of_provider_b(client, world, b_things):
    cheque, invoice = b_things
    client.force_login(world.provider_user)
    gets = [
        reverse("delivery:cheque", args=[cheque.pk]),
        reverse("delivery:certificate", args=[cheque.pk]),
        reverse("delivery:invoice_new", args=[cheque.pk]),
        reverse("delivery:invoice", args=[invoice.pk]),
    ]
    for url in gets:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "B-SECRET-1" not in _html(response) and "Techniek" not in _html(response)
    posts = {
        "confirm": {"confirm-start_date": "2026-01-01"},
        "start": {"start-start_date": "2026-01-01"},
        "attendance": {"attendance-percent": "10"},
        "complete": {"complete-percent": "10"},
        "drop_out": {"drop_out-reason": "weg"},
    }
    for action, data in posts.items():
        response = client.post(reverse("delivery:cheque_action", args=[cheque.pk, action]), data)
        assert response.status_code == 404, action
    response = client.post(
        reverse("delivery:invoice_new", args=[cheque.pk]), {"number": "X", "amount": "1"}
    )
    assert response.status_code == 404
    cheque.refresh_from_db(fields=["attendance_percent"])
    assert cheque.attendance_percent == 100
    assert Invoice.objects.count() == 1
    # The portal lists only A's own cheques.
    portal = _html(client.get(reverse("delivery:portal")))
    assert cheque.code_last4 not in portal and "B-SECRET-1" not in portal


def test_provider_staff_cannot_use_fund_actions(client, world, b_things):
    _cheque, invoice = b_things
    client.force_login(world.other_provider_user)
    for name in ("delivery:invoice_check", "delivery:invoice_approve", "delivery:invoice_reject"):
        assert client.post(reverse(name, args=[invoice.pk]), {"reason": "x"}).status_code == 403
    assert Invoice.objects.get(pk=invoice.pk).state == InvoiceState.SUBMITTED


def test_a_not_yet_redeemed_cheque_is_invisible_to_its_provider(client, world):
    plan = world.plan()
    submit(plan, by=world.advisor)
    ((cheque_id, _code),) = approve(plan, by=world.fund_officer).codes.items()
    client.force_login(world.provider_user)
    assert client.get(reverse("delivery:cheque", args=[cheque_id])).status_code == 404


def test_certificate_is_served_only_through_the_guarded_view(client, world, settings):
    cheque = world.completed()
    url = reverse("delivery:certificate", args=[cheque.pk])
    assert not getattr(settings, "MEDIA_URL", "") or cheque.certificate.name not in url
    for user in (world.provider_user, world.fund_officer, world.finance):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Type"] == "application/pdf"
    for user in (world.other_provider_user, world.advisor):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)


# Roles × pages -------------------------------------------------------------------------------

PAGES = {
    "delivery:portal": {Role.PROVIDER_STAFF},
    "delivery:redeem": {Role.PROVIDER_STAFF},
    "delivery:check_list": {Role.FUND_OFFICER},
    "delivery:needs_action": {Role.FUND_OFFICER},
    "delivery:approve_list": {Role.FINANCE_OFFICER},
    "delivery:batches": {Role.FINANCE_OFFICER},
}


@pytest.mark.parametrize("role", list(Role.values))
def test_roles_against_pages(client, world, role):
    organisation = world.provider if role == Role.PROVIDER_STAFF else None
    client.force_login(user_with_role(role, organisation))
    for name, allowed in PAGES.items():
        status = client.get(reverse(name)).status_code
        assert status == (200 if role in allowed else 403), (role, name, status)


def test_anonymous_goes_to_login(client, world):
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_navigation_is_role_specific(client, world):
    client.force_login(world.provider_user)
    html = _html(client.get(reverse("delivery:portal")))
    assert f'href="{reverse("delivery:portal")}"' in html
    assert reverse("delivery:batches") not in html
    client.force_login(world.finance)
    html = _html(client.get(reverse("delivery:batches")))
    assert reverse("delivery:approve_list") in html
    assert f'href="{reverse("delivery:portal")}"' not in html


# The provider's path through the pages -------------------------------------------------------


def _fresh_code(world):
    plan = world.plan()
    submit(plan, by=world.advisor)
    ((cheque_id, code),) = approve(plan, by=world.fund_officer).codes.items()
    return cheque_id, code


def test_redeem_wrong_code_says_how_many_attempts_are_left(client, world, settings):
    cheque_id, code = _fresh_code(world)
    client.force_login(world.provider_user)
    response = client.post(
        reverse("delivery:redeem"), {"code": "AAAA-BBBB-CCCC-DDDD-E", "birth_date": "1990-05-17"}
    )
    assert response.status_code == 404
    left = settings.CHEQUE_REDEEM_MAX_FAILURES - 1
    assert f"Nog {left} pogingen" in _html(response)
    response = client.post(reverse("delivery:redeem"), {"code": code, "birth_date": BIRTH})
    assert response.status_code == 302
    assert Cheque.objects.get(pk=cheque_id).state == ChequeState.BOOKED


def test_redeem_in_english(client, world):
    _fresh_code(world)
    client.force_login(world.provider_user)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("delivery:redeem"),
        {"code": "AAAA-BBBB-CCCC-DDDD-E", "birth_date": "1990-05-17"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "attempts left" in _html(response)


def test_redeem_form_field_errors(client, world):
    client.force_login(world.provider_user)
    response = client.post(reverse("delivery:redeem"), {"code": "", "birth_date": "31-31-1990"})
    html = _html(response)
    assert response.status_code == 200
    assert 'id="id_code_error"' in html and 'id="id_birth_date_error"' in html


def test_provider_walks_a_cheque_through_the_pages(client, world):
    cheque = world.issued_days_ago(world.booked())
    client.force_login(world.provider_user)
    detail = reverse("delivery:cheque", args=[cheque.pk])
    html = _html(client.get(detail))
    assert "Confirm the booking" in html or "Boeking bevestigen" in html
    action = lambda name: reverse("delivery:cheque_action", args=[cheque.pk, name])  # noqa: E731
    today = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()  # the start date
    assert client.post(action("confirm"), {"confirm-start_date": today}).status_code == 302
    assert client.post(action("start"), {"start-start_date": today}).status_code == 302
    # Completion without a file: field error, nothing changed.
    response = client.post(action("complete"), {"complete-percent": "90"})
    assert response.status_code == 400 and 'id="id_complete-certificate_error"' in _html(response)
    response = client.post(
        action("complete"),
        {"complete-percent": "90", "complete-certificate": pdf("a.pdf", b"GIF89a nope")},
    )
    assert response.status_code == 400 and "pdf-bestand" in _html(response)
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.STARTED
    response = client.post(
        action("complete"), {"complete-percent": "90", "complete-certificate": pdf()}
    )
    assert response.status_code == 302
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.COMPLETED
    # Invoice: too much, then right; a double submit does not create twice.
    url = reverse("delivery:invoice_new", args=[cheque.pk])
    response = client.post(url, {"number": "2026-001", "amount": "2000.01"})
    assert response.status_code == 400 and 'id="id_amount_error"' in _html(response)
    assert client.post(url, {"number": "2026-001", "amount": "2000.00"}).status_code == 302
    response = client.post(url, {"number": "2026-001", "amount": "2000.00"})
    assert response.status_code == 400
    assert Invoice.objects.filter(cheque=cheque).count() == 1


def test_drop_out_without_reason_is_a_field_error(client, world):
    cheque = world.started()
    client.force_login(world.provider_user)
    response = client.post(
        reverse("delivery:cheque_action", args=[cheque.pk, "drop_out"]), {"drop_out-reason": ""}
    )
    assert response.status_code == 400 and 'id="id_drop_out-reason_error"' in _html(response)
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.STARTED


def test_fund_and_finance_pages_check_and_approve(client, world):
    cheque = world.completed()
    invoice = invoicing.submit_invoice(
        cheque, by=world.provider_user, number="F-9", amount_cents=cheque.amount_cents
    )
    client.force_login(world.fund_officer)
    assert "F-9" in _html(client.get(reverse("delivery:check_list")))
    client.post(reverse("delivery:invoice_check", args=[invoice.pk]))
    client.force_login(world.finance)
    assert "F-9" in _html(client.get(reverse("delivery:approve_list")))
    client.post(reverse("delivery:invoice_approve", args=[invoice.pk]))
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.state == InvoiceState.APPROVED and invoice.payable_cents == 200_000
    response = client.post(reverse("delivery:invoice_reject", args=[invoice.pk]), {"reason": ""})
    assert response.status_code == 400
    batch = payments.create_batch(by=world.finance)
    assert "F-9" in _html(client.get(reverse("delivery:batch", args=[batch.pk])))
    assert RecognisedProvider.objects.get(provider=world.provider).iban in _html(
        client.get(reverse("delivery:batch", args=[batch.pk]))
    )


@pytest.mark.parametrize(
    "typed, cents", [("850,00", 85_000), ("1.250,00", 125_000), ("1,250.00", 125_000)]
)
def test_the_invoice_form_reads_the_providers_notation(client, world, typed, cents):
    cheque = world.completed()
    client.force_login(world.provider_user)
    url = reverse("delivery:invoice_new", args=[cheque.pk])
    response = client.post(url, {"number": "2026-007", "amount": typed})
    assert response.status_code == 302
    assert Invoice.objects.get(cheque=cheque).amount_cents == cents


def test_the_invoice_form_refuses_an_ambiguous_amount_showing_how_it_reads(client, world):
    cheque = world.completed()
    client.force_login(world.provider_user)
    url = reverse("delivery:invoice_new", args=[cheque.pk])
    response = client.post(url, {"number": "2026-007", "amount": "1.250"})
    assert response.status_code == 400
    assert "€ 1.250,00" in _html(response) and 'id="id_amount_error"' in _html(response)
    assert not Invoice.objects.filter(cheque=cheque).exists()
