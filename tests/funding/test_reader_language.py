"""What the system writes (eligibility reasons, history entries) is stored as codes and read in
the reader's language, whoever wrote it in whichever language."""

from django.urls import reverse
from django.utils import translation
from django_fsm_log.models import StateLog

from vakmanschap.core import coded
from vakmanschap.funding import eligibility, texts
from vakmanschap.funding.plans import submit


def _page(client, user, plan, language):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(reverse("funding:plan_detail", args=[plan.pk])).content.decode()


def test_reasons_submitted_in_english_read_in_dutch_for_a_dutch_reader(client, fund):
    plan = fund.plan()
    with translation.override("en"):
        submit(plan, by=fund.advisor)
    plan.refresh_from_db()
    stored = {r["rule"]: r for r in plan.eligibility}
    assert stored["age"]["code"] == "age.ok" and "message" not in stored["age"]
    assert isinstance(stored["max_amount"]["params"]["total_cents"], int)

    dutch = _page(client, fund.fund_officer, plan, "nl")
    assert "Leeftijd" in dutch and "Age " not in dutch
    assert "€ 2.000,00" in dutch  # the plan's amount in the scheme rule, Dutch notation
    english = _page(client, fund.fund_officer, plan, "en")
    assert "Age " in english and "Leeftijd" not in english
    assert "€2,000.00" in english


def test_rows_stored_before_codes_show_their_text_as_it_was():
    old = {"rule": "age", "ok": True, "message": "Leeftijd 47 ligt tussen 18 en 67 jaar."}
    result = eligibility.RuleResult.from_dict(old)
    with translation.override("en"):
        assert result.message == "Leeftijd 47 ligt tussen 18 en 67 jaar."


def test_history_shows_state_labels_and_coded_entries_in_the_readers_language(client, fund):
    plan = fund.plan()
    submit(plan, by=fund.advisor)
    StateLog.objects.filter(object_id=plan.pk).update(
        description=coded.encode(texts.FUNDED_FROM_WAITING_LIST)
    )
    dutch = _page(client, fund.fund_officer, plan, "nl")
    history = dutch[dutch.index("Geschiedenis") :]
    assert "Ingediend" in history and "submitted" not in history
    assert "Gefinancierd vanaf de wachtlijst." in history
    english = _page(client, fund.fund_officer, plan, "en")
    history = english[english.index("History") :]
    assert "Submitted" in history and "Funded from the waiting list." in history


def test_codes_render_dates_and_amounts_per_language_and_free_text_as_is():
    coded.define("test.example", "%(total_cents)s on %(day)s for %(who)s")
    stored = coded.encode("test.example", total_cents=125_000, day="2027-05-30", who="Sanne")
    with translation.override("nl"):
        assert coded.render(stored) == "€ 1.250,00 on 30 mei 2027 for Sanne"
    with translation.override("en"):
        assert coded.render(stored) == "€1,250.00 on 30 May 2027 for Sanne"
    assert coded.render("Typed by a person.") == "Typed by a person."
    assert coded.render('{"code":"no.such.code","params":{}}') == "no.such.code"
    assert coded.render('{"code": broken') == '{"code": broken'
