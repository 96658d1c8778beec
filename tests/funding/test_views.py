"""The fund workflow through the web pages, role by role."""

import pytest
from django.urls import reverse

from tests.factories import held_conversation
from vakmanschap.funding.models import Cheque, PlanState, TrainingPlan


@pytest.fixture
def person(fund):
    participant = fund.participant()
    held_conversation(participant, fund.advisor)  # the scheme asks for one before submitting
    return participant


def test_advisor_writes_a_plan_and_sees_each_rule_before_submitting(client, fund, person):
    client.force_login(fund.advisor)
    page = client.get(reverse("funding:plan_new", args=[person.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("funding:plan_new", args=[person.pk]),
        {
            "target": str(fund.nurse.pk),
            "courses": [fund.course.pk],
            "funding_period": fund.period.pk,
            "own_contribution": "100,00",
            "justification": "Wil verzorgende worden.",
        },
    )
    plan = TrainingPlan.objects.get()
    assert response.status_code == 302 and plan.own_contribution_cents == 10_000
    detail = client.get(reverse("funding:plan_detail", args=[plan.pk])).content.decode()
    assert detail.count("site-rule--ok") == 9
    client.post(reverse("funding:plan_submit", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_plan_form_bad_input_names_the_fields_and_writes_nothing(client, fund, person):
    client.force_login(fund.advisor)
    response = client.post(
        reverse("funding:plan_new", args=[person.pk]),
        {
            "target": "other",
            "other_occupation": "http://example.org/nope",
            "funding_period": fund.period.pk,
            "own_contribution": "veel",
            "justification": "",
        },
    )
    errors = response.context["form"].errors
    assert {"other_occupation", "courses", "own_contribution", "justification"} <= set(errors)
    assert not TrainingPlan.objects.exists()


def test_fund_officer_approves_and_participant_downloads_the_letter(client, fund, person):
    from tests.factories import UserFactory
    from vakmanschap.accounts.models import Membership
    from vakmanschap.funding import plans

    plan = fund.plan(participant=person)
    plans.submit(plan, by=fund.advisor)
    client.force_login(fund.fund_officer)
    assert client.get(reverse("funding:plan_list")).content.decode().count(str(person)) == 1
    client.post(reverse("funding:plan_decide", args=[plan.pk]), {"decision": "approve"})
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    owner = UserFactory(email="sanne@example.org")
    Membership.objects.create(user=owner, role="participant")
    person.user = owner
    person.save()
    client.force_login(owner)
    cheque = Cheque.objects.get()
    old_hash = cheque.code_hash
    # The resident reaches the letter from their own page.
    mine = client.get(reverse("people:mine")).content.decode()
    assert reverse("funding:cheque_letter", args=[cheque.pk]) in mine
    letter = client.get(reverse("funding:cheque_letter", args=[cheque.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    cheque.refresh_from_db()
    assert cheque.code_hash == old_hash  # downloading changes nothing


def _approved_cheque(fund, person):
    from vakmanschap.funding import plans

    plan = fund.plan(participant=person)
    plans.submit(plan, by=fund.advisor)
    decision = plans.approve(plan, by=fund.fund_officer)
    ((cheque_id, code),) = decision.codes.items()
    return Cheque.objects.get(pk=cheque_id), code


def test_the_letter_prints_the_same_valid_code_every_time(
    client, fund, person, settings, monkeypatch
):
    from pathlib import Path

    from tests.e2e.test_fund_path import code_from_pdf
    from vakmanschap.funding import letters
    from vakmanschap.funding.cheques import redeem

    # The PDF core font (used where no Unicode font is installed) keeps the text readable here.
    monkeypatch.setattr(letters, "UNICODE_FONT", Path("/nonexistent/font.ttf"))
    settings.FUND_NAME, settings.FUND_ADDRESS = "Fonds Proef", "Proefstraat 1, 7500 AA Enschede"
    settings.FUND_CONTACT = "proef@example.org"
    cheque, code = _approved_cheque(fund, person)
    client.force_login(fund.advisor)
    url = reverse("funding:cheque_letter", args=[cheque.pk])
    first, second = client.get(url).content, client.get(url).content
    assert code_from_pdf(first) == code_from_pdf(second) == code
    text = _pdf_text(first)
    assert "Fonds Proef" in text and "Proefstraat 1" in text and "proef@example.org" in text
    booked = redeem(
        provider=fund.provider, user=fund.provider_user, code=code, birth_date=person.birth_date
    )
    assert booked.state == "booked"


def _pdf_text(pdf: bytes) -> str:
    import re
    import zlib

    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            pass
    return b"".join(chunks).decode("latin-1")


def test_a_new_code_is_an_explicit_post_with_a_reason(
    client, fund, person, mailoutbox, django_capture_on_commit_callbacks
):
    from auditlog.models import LogEntry

    from tests.factories import UserFactory
    from vakmanschap.accounts.models import Membership
    from vakmanschap.funding.cheques import RedemptionError, redeem

    owner = UserFactory(email="sanne@example.org")
    Membership.objects.create(user=owner, role="participant")
    person.user = owner
    person.save()
    cheque, old_code = _approved_cheque(fund, person)
    mailoutbox.clear()
    url = reverse("funding:cheque_new_code", args=[cheque.pk])
    client.force_login(fund.advisor)
    assert client.get(url).status_code == 405
    client.post(url, {f"c{cheque.pk}-reason": ""})  # no reason: nothing changes
    cheque.refresh_from_db()
    assert cheque.code_last4 == old_code.replace("-", "")[12:16]
    assert not LogEntry.objects.filter(additional_data__event="cheque_code_reissued").exists()
    # Another organisation's advisor and the resident cannot issue a new code.
    for outsider in (fund.other_advisor, owner):
        client.force_login(outsider)
        assert client.post(url, {f"c{cheque.pk}-reason": "kwijt"}).status_code in (403, 404)
    assert not LogEntry.objects.filter(additional_data__event="cheque_code_reissued").exists()
    client.force_login(fund.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"c{cheque.pk}-reason": "Brief kwijt"})
    assert response.status_code == 302
    entry = LogEntry.objects.get(additional_data__event="cheque_code_reissued")
    assert entry.actor == fund.advisor and entry.additional_data["reason"] == "Brief kwijt"
    with pytest.raises(RedemptionError):
        redeem(
            provider=fund.provider,
            user=fund.provider_user,
            code=old_code,
            birth_date=person.birth_date,
        )
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == sorted(["sanne@example.org", fund.provider_user.email])
    assert all(old_code not in mail.body for mail in mailoutbox)


def test_another_participant_never_sees_the_plan_or_letter(client, fund, person):
    from tests.factories import UserFactory
    from vakmanschap.accounts.models import Membership
    from vakmanschap.funding import plans

    plan = fund.plan(participant=person)
    plans.submit(plan, by=fund.advisor)
    plans.approve(plan, by=fund.fund_officer)
    stranger = UserFactory()
    Membership.objects.create(user=stranger, role="participant")
    client.force_login(stranger)
    cheque = Cheque.objects.get()
    assert client.get(reverse("funding:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("funding:cheque_letter", args=[cheque.pk])).status_code == 404
    assert client.get(reverse("funding:plan_list")).status_code == 403


def test_reject_without_reason_is_refused_with_a_message(client, fund, person):
    from vakmanschap.funding import plans

    plan = fund.plan(participant=person)
    plans.submit(plan, by=fund.advisor)
    client.force_login(fund.fund_officer)
    response = client.post(
        reverse("funding:plan_decide", args=[plan.pk]),
        {"decision": "reject", "reason": ""},
        follow=True,
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert "reden" in response.content.decode().lower()


def test_budget_page_shows_derived_balances_and_allocation_funds_the_queue(client, fund):
    client.force_login(fund.fund_officer)
    page = client.get(reverse("funding:budget")).content.decode()
    assert "€ 10.000,00" in page
    response = client.post(
        reverse("funding:allocate", args=[fund.period.pk]),
        {f"p{fund.period.pk}-amount": "abc", f"p{fund.period.pk}-reason": "x"},
        follow=True,
    )
    assert response.status_code == 200
    from vakmanschap.funding import ledger

    assert ledger.balances(fund.period).allocated == 1_000_000
    client.post(
        reverse("funding:allocate", args=[fund.period.pk]),
        {f"p{fund.period.pk}-amount": "2.500,00", f"p{fund.period.pk}-reason": "Top-up"},
    )
    assert ledger.balances(fund.period).allocated == 1_250_000


def test_plan_list_query_count_does_not_grow_with_the_number_of_plans(
    client, fund, django_assert_max_num_queries
):
    from vakmanschap.funding import plans

    for n in range(12):
        person = fund.participant(given_name=f"P{n}", email=f"p{n}@example.org")
        plans.submit(fund.plan(participant=person), by=fund.advisor)
    client.force_login(fund.fund_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("funding:plan_list"))
    assert response.content.decode().count("verpleegkundige") == 12
