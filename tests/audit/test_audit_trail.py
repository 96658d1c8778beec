import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import PASSWORD, CourseFactory, UserFactory, user_with_role
from vakmanschap.accounts.roles import Role


@pytest.mark.django_db
def test_course_changes_are_recorded_with_old_and_new_values_and_outlive_the_course(client):
    fund = user_with_role(Role.FUND_OFFICER)
    course = CourseFactory(title="Lasser", price_cents=100000)
    client.force_login(fund)
    response = client.post(
        reverse("catalogue:edit", args=[course.pk]),
        {
            "title": "Lasser MIG/MAG",
            "description": "",
            "level": 2,
            "price_cents": "1.200,00",
            "duration_months": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(course).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == fund
    assert entry.changes_dict["price_cents"] == ["100000", "120000"]
    course_pk = course.pk
    course.refresh_from_db()
    course.delete()
    actions = LogEntry.objects.filter(object_pk=str(course_pk), object_repr="Lasser MIG/MAG")
    assert set(actions.values_list("action", flat=True)) == {
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    }


@pytest.mark.django_db
def test_logins_and_failed_logins_are_recorded(client):
    user = UserFactory(email="d@example.org")
    client.post(reverse("accounts:login"), {"username": "d@example.org", "password": "nope"})
    client.post(reverse("accounts:login"), {"username": "d@example.org", "password": PASSWORD})
    events = list(
        LogEntry.objects.filter(object_pk=str(user.pk)).values_list(
            "additional_data__event", flat=True
        )
    )
    assert "login_failed" in events and "login" in events


@pytest.mark.django_db
def test_fund_officer_searches_the_audit_trail(client):
    fund = user_with_role(Role.FUND_OFFICER)
    CourseFactory(title="Verzorgende IG")
    client.force_login(fund)
    response = client.get(reverse("audit:search"), {"q": "Verzorgende"})
    assert response.status_code == 200
    assert "Verzorgende IG" in response.content.decode()
    bad = client.get(reverse("audit:search"), {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert bad.context["form"].errors["date_to"]


@pytest.mark.django_db
def test_the_trail_reads_as_sentences_with_field_labels_and_raw_data_behind_a_toggle(client):
    fund = user_with_role(Role.FUND_OFFICER, full_name="Anke Oude Luttikhuis")
    course = CourseFactory(title="Lasser", price_cents=100000)
    client.force_login(fund)
    client.cookies["django_language"] = "en"  # written in English ...
    client.post(
        reverse("catalogue:edit", args=[course.pk]),
        {
            "title": "Lasser MIG/MAG",
            "description": "",
            "level": 2,
            "price_cents": "1,200.00",
            "duration_months": 9,
            "is_active": "on",
        },
    )
    client.cookies["django_language"] = "nl"  # ... read in Dutch
    page = client.get(reverse("audit:search"), {"q": "Lasser"}).content.decode()
    assert "Anke Oude Luttikhuis: titel" in page and "gewijzigd" in page
    assert "<details><summary>Details</summary>" in page
    sentence_cells = page.split("<details>")[0]
    assert "120000" not in sentence_cells  # raw values only inside the toggle
    client.cookies["django_language"] = "en"
    page = client.get(reverse("audit:search"), {"q": "Lasser"}).content.decode()
    assert "Anke Oude Luttikhuis: title" in page and " changed" in page
