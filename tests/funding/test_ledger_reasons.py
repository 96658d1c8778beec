"""What the system writes into the ledger and into histories is stored as a code with
parameters and read in the reader's language; a person's own words and rows written before
codes existed read as they were stored."""

import pytest
from django.test import Client
from django.utils import translation
from django_fsm_log.models import StateLog

from vakmanschap.accounts.models import User
from vakmanschap.core import coded
from vakmanschap.delivery import texts as delivery_texts
from vakmanschap.funding import cancellation, ledger, plans, texts
from vakmanschap.funding.models import LedgerEntry


def _approved(fund):
    plan = fund.plan()
    plans.submit(plan, by=fund.advisor)
    plans.approve(plan, by=fund.fund_officer)
    return plan, plan.cheques.get()


def _read(entry, language):
    entry = LedgerEntry.objects.get(pk=entry.pk)
    with translation.override(language):
        return entry.reason_text


def test_a_reservation_written_in_dutch_reads_in_english_and_the_reverse(fund):
    with translation.override("nl"):
        _plan, cheque = _approved(fund)
    reserve = LedgerEntry.objects.get(cheque=cheque, kind="reserve")
    assert reserve.reason_code == texts.LEDGER_PLAN_APPROVED and reserve.reason == ""
    assert _read(reserve, "en") == "Plan approved"
    assert _read(reserve, "nl") == "Plan goedgekeurd"


def test_a_cancellation_keeps_the_officers_words_inside_the_readers_language(fund):
    _plan, cheque = _approved(fund)
    with translation.override("en"):
        cancellation.cancel_cheque(cheque, by=fund.fund_officer, reason="Cursus vervalt.")
    release = LedgerEntry.objects.get(cheque=cheque, kind="release")
    assert release.reason_params == {"reason": "Cursus vervalt."}
    assert _read(release, "nl") == "Cheque ingetrokken: Cursus vervalt."
    assert _read(release, "en") == "Cheque cancelled: Cursus vervalt."
    # The plan's history entry, written by the same English session, reads in Dutch too.
    settled = StateLog.objects.filter(object_id=cheque.plan_id, transition="drop_out").get()
    with translation.override("nl"):
        assert coded.render(settled.description) == "Geen lopende cheque meer."
    with translation.override("en"):
        assert coded.render(settled.description) == "No cheque left running."


def test_rows_from_before_codes_and_unknown_codes_read_safely(fund):
    typed = ledger.post(fund.period.pk, "allocate", 100, reason="Begroting 2027")
    assert _read(typed, "en") == "Begroting 2027"
    stray = LedgerEntry(reason_code="ledger.gone_since", reason_params={"x": 1}, reason="")
    assert stray.reason_text == "ledger.gone_since"


def test_an_unknown_code_is_refused_and_nothing_is_written(fund):
    before = LedgerEntry.objects.count()
    with pytest.raises(ledger.LedgerError):
        ledger.post(fund.period.pk, "allocate", 100, reason_code="ledger.no_such_reason")
    assert LedgerEntry.objects.count() == before


def test_a_recovery_reason_reads_in_the_readers_language():
    stored = coded.encode(delivery_texts.RECOVERY_LOW_ATTENDANCE, percent=60, minimum=80)
    with translation.override("nl"):
        assert coded.render(stored) == "Aanwezigheid 60% ligt onder het minimum van 80%."
    with translation.override("en"):
        assert coded.render(stored) == "Attendance 60% is below the minimum of 80%."


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [("nl", "Plan goedgekeurd", "Plan approved"), ("en", "Plan approved", "Plan goedgekeurd")],
)
def test_the_ledger_admin_shows_reasons_in_the_administrators_language(
    fund, language, shown, not_shown
):
    with translation.override("en" if language == "nl" else "nl"):
        _approved(fund)
    client = Client()
    client.force_login(User.objects.create_superuser("beheer@example.org", "x" * 12))
    client.cookies["django_language"] = language
    page = client.get("/admin/funding/ledgerentry/").content.decode()
    assert shown in page and not_shown not in page
