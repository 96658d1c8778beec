"""One person through the fund's whole path in a real browser, across the roles."""

import re
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import held_conversation
from tests.funding.conftest import FundWorld
from vakmanschap.delivery.models import Invoice
from vakmanschap.funding import ledger
from vakmanschap.funding.models import Cheque, PlanState, TrainingPlan
from vakmanschap.people.models import Participant

from .helpers import follow_login_link, log_in, wcag_violations

pytestmark = pytest.mark.e2e

CODE = re.compile(rb"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=U]")


def code_from_pdf(pdf: bytes) -> str:
    """The cheque code printed in the letter (fpdf2 compresses its page streams)."""
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            text = stream
        found = CODE.search(text)
        if found:
            return found.group(0).decode()
    raise AssertionError("no cheque code in the letter")


def submit(page, form_selector):
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_load_state()


def log_out(page):
    page.locator("form.site-logout button").click()
    page.wait_for_load_state()


def test_from_sign_up_to_a_paid_invoice(page, axe, tmp_path, mailoutbox):
    world = FundWorld()

    # 1. A resident signs up online.
    page.goto("/sign-up/")
    page.fill("#id_given_name", "Sanne")
    page.fill("#id_family_name", "de Vries")
    page.fill("#id_birth_date", "1990-05-17")
    page.fill("#id_postcode", "7511 AB")
    page.select_option("#id_municipality", label="Enschede")
    page.fill("#id_email", "sanne@example.org")
    page.select_option("#id_education_level", "mbo2")
    page.select_option("#id_work_situation", "part_time_wants_more")
    page.fill("#id_training_wish", "Ik wil verzorgende worden.")
    page.check("#id_consent")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    follow_login_link(page, mailoutbox[-1])
    assert page.url.endswith("/mine/")
    assert wcag_violations(axe, page) == []
    # The account has no password until the resident sets one.
    page.goto("/account/password/")
    page.fill("#id_new_password1", "Een-goed-wachtwoord-42")
    page.fill("#id_new_password2", "Een-goed-wachtwoord-42")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/")
    log_out(page)
    person = Participant.objects.get(family_name="de Vries")

    # 2. The advisor triages, holds the conversation and writes the plan.
    log_in(page, world.advisor.email)
    page.goto(f"/people/{person.pk}/")
    page.check("input[name=outcome][value=conversation_needed]")
    page.locator("#triage-heading ~ form button[type=submit]").click()
    page.wait_for_load_state()
    # The conversation took place last week (the scheme asks for one before submitting; the
    # browser test of that rule is in test_guard_rails.py).
    held_conversation(person, world.advisor)
    page.get_by_role("link", name="Scholingsplan schrijven").click()
    page.select_option("#id_target", label="verpleegkundige")
    page.check(f"input[name=courses][value='{world.course.pk}']")
    page.select_option("#id_funding_period", str(world.period.pk))
    page.fill("#id_own_contribution", "0")
    page.fill("#id_justification", "Past bij haar werk als zorghulp.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".site-rule--ok").count() == 9
    assert wcag_violations(axe, page) == []
    page.get_by_role("button", name="Indienen bij het fonds").click()
    page.wait_for_load_state()
    plan = TrainingPlan.objects.get(participant=person)
    assert plan.state == PlanState.SUBMITTED
    log_out(page)

    # 3. A fund officer (not the author) approves against the budget.
    log_in(page, world.fund_officer.email)
    page.goto("/plans/")
    page.get_by_role("link", name=str(person)).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    assert page.locator("[data-state]").get_attribute("data-state") == "approved"
    log_out(page)

    # 4. The participant downloads the cheque letter from their own page. Downloading again
    #    prints the same code: a download changes nothing.
    log_in(page, "sanne@example.org", "Een-goed-wachtwoord-42")
    page.goto("/mine/")
    codes_seen = []
    for _attempt in range(2):
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("chequebrief downloaden")).click()
        codes_seen.append(code_from_pdf(open(download.value.path(), "rb").read()))
    code = codes_seen[0]
    assert codes_seen[1] == code
    log_out(page)

    # 5. The provider books the cheque with the code and the birth date.
    log_in(page, world.provider_user.email)
    page.goto("/provider/redeem/")
    page.fill("input[name=code]", code)
    page.fill("input[name=birth_date]", "1990-05-17")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    cheque = Cheque.objects.get(plan=plan)
    assert cheque.state == "booked"

    # 6. The provider declares the start, records completion with the certificate, invoices.
    # The course started yesterday (a course is never completed on its start day), so the
    # cheque is taken as issued two days ago.
    Cheque.objects.filter(pk=cheque.pk).update(issued_at=timezone.now() - timedelta(days=2))
    today = timezone.localdate()  # the fund works in Dutch time
    yesterday = (today - timedelta(days=1)).isoformat()
    page.goto(f"/provider/cheques/{cheque.pk}/")
    page.fill("#id_start-start_date", yesterday)
    submit(page, "form[action$='/start/']")
    page.fill("#id_complete-percent", "95")
    certificate = tmp_path / "diploma.pdf"
    certificate.write_bytes(b"%PDF-1.4\n% diploma Verzorgende IG\n")
    page.set_input_files("#id_complete-certificate", str(certificate))
    submit(page, "form[action$='/complete/']")
    assert wcag_violations(axe, page) == []
    page.goto(f"/provider/cheques/{cheque.pk}/invoice/")
    page.fill("#id_number", "F-2026-001")
    page.fill("#id_amount", "2000.00")
    page.check("#id_is_final")
    submit(page, "main form")
    invoice = Invoice.objects.get(cheque=cheque)
    log_out(page)

    # 7. The fund officer checks the invoice; a finance officer approves and pays it by SEPA.
    log_in(page, world.fund_officer.email)
    page.goto(f"/provider/invoices/{invoice.pk}/")
    submit(page, "form[action$='/check/']")
    log_out(page)
    log_in(page, world.finance_officer.email)
    page.goto(f"/provider/invoices/{invoice.pk}/")
    submit(page, "form[action$='/approve/']")
    page.goto("/provider/finance/batches/")
    page.fill("input[type=date]", today.isoformat())
    submit(page, "main form")
    with page.expect_download() as sepa:
        page.get_by_role("link", name=re.compile("SEPA")).click()
    assert b"pain.001" in open(sepa.value.path(), "rb").read()
    submit(page, "form[action$='/paid/']")
    invoice.refresh_from_db()
    assert invoice.state == "paid"
    assert ledger.balances(world.period).paid == 200_000
