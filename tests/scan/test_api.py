"""The scan API: shapes, validation, and one employer never reaching another's data."""

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from tests.factories import user_with_role
from tests.scan.helpers import all_answers, keys, make_employer, make_staff, scored_scan
from vakmanschap.accounts.roles import Role
from vakmanschap.scan.models import Answer, Scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def two_employers():
    mine, theirs = make_employer(name="Eigen Bedrijf"), make_employer(name="Ander Bedrijf")
    return mine, make_staff(mine), theirs, make_staff(theirs)


def _body(answers):
    return {"answers": {str(k): v for k, v in answers.items()}}


def test_questionnaire_shape(api):
    response = api.get("/api/v1/scan/questionnaire")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1
    assert [d["key"] for d in data["dimensions"]] == keys()
    item = data["dimensions"][0]["items"][0]
    assert set(item) == {"id", "text", "reverse"}
    assert data["dimensions"][0]["label"] == "Dynamisch managen"
    english = api.get("/api/v1/scan/questionnaire", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["dimensions"][0]["label"] == "Dynamic management"


def test_staff_posts_a_scan_and_gets_scores(api, two_employers):
    mine, staff, _theirs, _ = two_employers
    api.force_authenticate(staff)
    response = api.post(f"/api/v1/employers/{mine.pk}/scans", _body(all_answers(3)), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert Scan.objects.get(pk=data["id"]).organisation == mine
    assert data["scores"] == dict.fromkeys(keys(), 50.0)


def test_missing_and_out_of_range_answers_are_rejected_naming_the_field(api, two_employers):
    mine, staff, _theirs, _ = two_employers
    api.force_authenticate(staff)
    answers = all_answers(4)
    missing, wrong, *_ = answers
    del answers[missing]
    answers[wrong] = 9
    response = api.post(f"/api/v1/employers/{mine.pk}/scans", _body(answers), format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]["answers"]
    assert set(errors) == {str(missing), str(wrong)}
    assert not Scan.objects.exists() and not Answer.objects.exists()
    for bad in ({}, {"answers": "all fives"}, {"answers": []}):
        response = api.post(f"/api/v1/employers/{mine.pk}/scans", bad, format="json")
        assert response.status_code == 400 and "answers" in response.json()["errors"]
    assert not Scan.objects.exists()


def test_another_employers_id_gives_404_without_data(api, two_employers):
    mine, staff, theirs, their_staff = two_employers
    scored_scan(theirs, dict.fromkeys(keys(), 42.0))
    api.force_authenticate(staff)
    for method, url in [
        ("post", f"/api/v1/employers/{theirs.pk}/scans"),
        ("get", f"/api/v1/employers/{theirs.pk}/scan-report"),
        ("get", f"/api/v1/employers/{theirs.pk}"),
    ]:
        response = getattr(api, method)(
            url, _body(all_answers(3)) if method == "post" else None, format="json"
        )
        assert response.status_code == 404, url
        body = response.content.decode()
        assert "Ander Bedrijf" not in body and "42" not in body
    assert Scan.objects.filter(organisation=theirs).count() == 1
    assert (
        LogEntry.objects.filter(actor=staff, additional_data__event="permission_denied").count()
        == 3
    )
    missing = api.get("/api/v1/employers/999999/scan-report")
    assert missing.status_code == 404


def test_report_shape_and_benchmark_null_without_enough_peers(api, two_employers):
    mine, staff, theirs, _ = two_employers
    api.force_authenticate(staff)
    assert api.get(f"/api/v1/employers/{mine.pk}/scan-report").json()["scores"] == {}
    api.post(f"/api/v1/employers/{mine.pk}/scans", _body(all_answers(2)), format="json")
    scored_scan(theirs, dict.fromkeys(keys(), 60.0))
    data = api.get(f"/api/v1/employers/{mine.pk}/scan-report").json()
    assert set(data["scores"]) == set(keys())
    assert data["benchmark"] is None
    assert data["advice"] and set(data["advice"][0]) == {"dimension", "text", "links"}
    assert all(set(link) == {"label", "url"} for a in data["advice"] for link in a["links"])
    for _ in range(4):
        scored_scan(make_employer(), dict.fromkeys(keys(), 60.0))
    bench = api.get(f"/api/v1/employers/{mine.pk}/scan-report").json()["benchmark"]
    assert bench["group"] == "sector_size" and bench["peer_count"] == 5
    assert bench["median"] == dict.fromkeys(keys(), 60)


@pytest.mark.parametrize("role", [Role.FUND_OFFICER, Role.ADMINISTRATOR])
def test_the_fund_reads_reports_but_does_not_answer_for_an_employer(api, two_employers, role):
    mine, *_ = two_employers
    api.force_authenticate(user_with_role(role))
    assert api.get(f"/api/v1/employers/{mine.pk}/scan-report").status_code == 200
    assert api.get(f"/api/v1/employers/{mine.pk}").status_code == 200
    assert (
        api.post(
            f"/api/v1/employers/{mine.pk}/scans", _body(all_answers(3)), format="json"
        ).status_code
        == 403
    )


@pytest.mark.parametrize(
    "role",
    [Role.PARTICIPANT, Role.ADVISOR, Role.PROVIDER_STAFF, Role.MONITOR, Role.FINANCE_OFFICER],
)
def test_other_roles_get_nothing(api, two_employers, role):
    mine, *_ = two_employers
    api.force_authenticate(user_with_role(role))
    assert api.get(f"/api/v1/employers/{mine.pk}/scan-report").status_code == 403
    assert (
        api.post(
            f"/api/v1/employers/{mine.pk}/scans", _body(all_answers(3)), format="json"
        ).status_code
        == 403
    )


def test_anonymous_gets_the_questionnaire_only(api, two_employers):
    mine, *_ = two_employers
    assert api.get("/api/v1/scan/questionnaire").status_code == 200
    assert api.get(f"/api/v1/employers/{mine.pk}/scan-report").status_code in (401, 403)
    assert api.post(
        f"/api/v1/employers/{mine.pk}/scans", _body(all_answers(3)), format="json"
    ).status_code in (401, 403)
