"""The caseload pages by keyset: every person once, newest first, the same queries on every
page, and no count of the whole list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.funding.conftest import FundWorld
from vakmanschap.people.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded(db):
    fund = FundWorld()
    moment = timezone.now()
    for n in range(60):
        fund.participant(given_name=f"Persoon{n:02d}", email=f"p{n}@example.org")
    # Several sign-ups in the same instant: the id breaks the tie.
    for i, person in enumerate(Participant.objects.order_by("pk")):
        person.created_at = moment - datetime.timedelta(minutes=i // 3)
        person.save(update_fields=["created_at"])
    return fund


def _walk(client, params):
    seen, counts, url = [], [], reverse("people:caseload")
    after = ""
    while True:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, {**params, "after": after}).context["page"]
        counts.append(len(queries))
        assert not any(
            "COUNT(" in q["sql"]
            and "people_participant" in q["sql"]
            and "duplicate" not in q["sql"]
            for q in queries.captured_queries
        )
        seen += [p.pk for p in page.items]
        if not page.next_cursor:
            return seen, counts
        after = page.next_cursor


def test_all_pages_show_everyone_once_newest_first_at_a_constant_cost(client, crowded):
    client.force_login(crowded.advisor)
    seen, counts = _walk(client, {"scope": "all"})
    expected = list(
        Participant.objects.visible_to(crowded.advisor)
        .active()
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    assert len(expected) >= 60 and seen == expected
    assert len(set(counts)) == 1, counts  # page 1 costs what page 3 costs


def test_a_damaged_cursor_starts_at_the_first_page(client, crowded):
    client.force_login(crowded.advisor)
    page = client.get(reverse("people:caseload"), {"scope": "all", "after": "x~y"})
    assert page.status_code == 200 and page.context["page"].is_first


def test_another_organisations_advisor_sees_none_of_them(client, crowded):
    client.force_login(crowded.other_advisor)
    seen, _ = _walk(client, {"scope": "all"})
    assert not set(seen) & set(
        Participant.objects.filter(advice_organisation=crowded.advice).values_list("pk", flat=True)
    )
