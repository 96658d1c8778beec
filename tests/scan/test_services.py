"""Scans in the database: validation, all-or-nothing, the respondents rule, peers."""

import pytest
from django.utils import timezone

from tests.scan.helpers import (
    all_answers,
    favourable_answers,
    keys,
    make_employer,
    make_staff,
    questionnaire,
    scored_scan,
)
from vakmanschap.scan import services
from vakmanschap.scan.models import Answer, RespondentLink, Response, Scan

pytestmark = pytest.mark.django_db


def test_default_questionnaire_is_shipped_in_dutch_and_english():
    q = questionnaire()
    assert q.version == 1
    structure = q.structure()
    assert [d.key for d, _ in structure] == [
        "dynamisch-managen",
        "flexibel-organiseren",
        "slimmer-werken",
        "co-creatie",
        "leercultuur",
        "duurzame-inzetbaarheid",
    ]
    for dimension, items in structure:
        assert 4 <= len(items) <= 6
        assert any(i.reverse for i in items)
        assert (
            dimension.label_nl
            and dimension.label_en
            and dimension.advice_nl
            and dimension.advice_en
        )
        assert all(i.text_nl and i.text_en and i.text_nl != i.text_en for i in items)
        assert dimension.instruments.filter(key="slim").exists()


def test_all_fives_on_the_real_questionnaire_is_hand_computable():
    org = make_employer()
    scan = services.start_scan(org, make_staff(org), all_answers(5))
    for dimension, items in questionnaire().structure():
        n, r = len(items), sum(i.reverse for i in items)
        expected = round(((5 * (n - r) + 1 * r) / n - 1) / 4 * 100, 1)
        assert scan.scores[dimension.key] == expected
    assert services.start_scan(make_employer(), None, favourable_answers()).scores == dict.fromkeys(
        keys(), 100.0
    )


def test_missing_unknown_and_out_of_range_answers_are_named_and_nothing_is_written():
    org = make_employer()
    answers = all_answers(3)
    first, second, *_ = answers
    del answers[first]
    answers[second] = 6
    answers[999999] = 3
    with pytest.raises(services.AnswerErrors) as error:
        services.start_scan(org, None, answers)
    assert set(error.value.errors) == {str(first), str(second), "999999"}
    assert not Scan.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize("bad", ["3", 2.5, True, None])
def test_answers_must_be_whole_numbers(bad):
    answers = all_answers(3)
    answers[next(iter(answers))] = bad
    with pytest.raises(services.AnswerErrors):
        services.validate_answers(questionnaire(), answers)


def _employee(scan, value):
    _link, token = RespondentLink.issue(scan)
    services.submit_employee_response(token, all_answers(value))


def test_fewer_than_five_respondents_count_management_only():
    org = make_employer()
    scan = services.start_scan(org, make_staff(org), all_answers(1))
    for _ in range(3):
        _employee(scan, 5)
    services.close_scan(scan)
    scan.refresh_from_db()
    assert not scan.aggregated and scan.respondent_count == 1
    assert scan.scores == services.start_scan(make_employer(), None, all_answers(1)).scores


def test_five_respondents_are_aggregated_once_closed():
    org = make_employer()
    scan = services.start_scan(org, make_staff(org), all_answers(1))
    for _ in range(4):
        _employee(scan, 5)
    scan.refresh_from_db()
    assert not scan.aggregated, (
        "open scans show management only, so no one is revealed by differences"
    )
    services.close_scan(scan)
    scan.refresh_from_db()
    assert scan.aggregated and scan.respondent_count == 5
    one = services.start_scan(make_employer(), None, all_answers(1)).scores
    five = services.start_scan(make_employer(), None, all_answers(5)).scores
    for key in keys():
        assert scan.scores[key] == pytest.approx((one[key] + 4 * five[key]) / 5, abs=0.1)


def test_employee_responses_are_anonymous_and_links_single_use():
    org = make_employer()
    scan = services.start_scan(org, make_staff(org), all_answers(3))
    link, token = RespondentLink.issue(scan)
    assert link.token_hash != token and token not in link.token_hash
    services.submit_employee_response(token, all_answers(4))
    response = scan.responses.get(kind=Response.Kind.EMPLOYEE)
    assert response.user is None
    assert not any(f.name == "link" for f in Response._meta.get_fields())
    with pytest.raises(services.LinkNotUsable):
        services.submit_employee_response(token, all_answers(4))
    assert scan.responses.count() == 2


def test_expired_link_and_closed_scan_refuse_answers():
    org = make_employer()
    scan = services.start_scan(org, make_staff(org), all_answers(3))
    link, token = RespondentLink.issue(scan)
    RespondentLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    with pytest.raises(services.LinkNotUsable):
        services.submit_employee_response(token, all_answers(4))
    _link2, token2 = RespondentLink.issue(scan)
    services.close_scan(scan)
    with pytest.raises(services.LinkNotUsable):
        services.submit_employee_response(token2, all_answers(4))


def test_peers_are_other_companies_with_their_latest_scan():
    me = make_employer()
    scored_scan(me, dict.fromkeys(keys(), 10.0))
    other = make_employer()
    old = scored_scan(other, dict.fromkeys(keys(), 20.0))
    Scan.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=400))
    scored_scan(other, dict.fromkeys(keys(), 70.0))
    peers = services.peers_of(me)
    assert len(peers) == 1 and peers[0].scores == dict.fromkeys(keys(), 70.0)


def test_report_falls_back_to_the_network_and_advises_on_the_weakest():
    me = make_employer(sector="C", size_class="10-49")
    mine = dict.fromkeys(keys(), 70.0) | {"co-creatie": 30.0}
    scored_scan(me, mine)
    for i in range(4):
        scored_scan(make_employer(sector="C", size_class="10-49"), dict.fromkeys(keys(), 50.0 + i))
    for _ in range(2):
        scored_scan(make_employer(sector="Q", size_class="250+"), dict.fromkeys(keys(), 90.0))
    data = services.report(me)
    assert data["benchmark"]["group"] == "network" and data["benchmark"]["peer_count"] == 6
    assert data["weak_spots"][0] == "co-creatie"
    advice = data["advice"][0]
    assert advice["dimension"] == "co-creatie" and advice["actions"]
    assert {link["url"] for link in advice["links"]} >= {
        "https://www.uitvoeringvanbeleidszw.nl/subsidies-en-regelingen/slim-regeling"
    }
    scored_scan(make_employer(sector="C", size_class="10-49"), dict.fromkeys(keys(), 60.0))
    data = services.report(me)
    assert data["benchmark"]["group"] == "sector_size" and data["benchmark"]["peer_count"] == 5


def test_report_has_no_benchmark_with_four_others_in_the_network():
    me = make_employer()
    scored_scan(me, dict.fromkeys(keys(), 70.0))
    for _ in range(4):
        scored_scan(make_employer(), dict.fromkeys(keys(), 50.0))
    assert services.report(me)["benchmark"] is None


def test_a_locked_questionnaire_is_copied_to_change_it():
    q = questionnaire()
    assert not q.is_locked
    services.start_scan(make_employer(), None, all_answers(3))
    assert q.is_locked
    copy = q.copy_as_new_version()
    assert copy.version == 2 and not copy.is_published and not copy.is_locked
    assert [len(items) for _d, items in copy.structure()] == [
        len(items) for _d, items in q.structure()
    ]
    assert questionnaire() == q  # the copy is not published yet
