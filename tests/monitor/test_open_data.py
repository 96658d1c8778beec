"""Open data reveals no one: no published count lies between 1 and 9, and no suppressed cell
can be worked out from a total."""

import itertools
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vakmanschap.monitor import opendata, suppression


def _assert_safe(cells, total):
    shown, shown_total = suppression.group(cells, total)
    assert all(v is None or not 1 <= v <= 9 for v in shown + [shown_total])
    assert all(v is None or v == c for v, c in zip(shown, cells, strict=True))
    hidden = [c for v, c in zip(shown, cells, strict=True) if v is None]
    if shown_total is not None and hidden:
        # What a reader can derive: the sum of the hidden cells. It must be no small count,
        # and never the value of a single cell.
        derived = shown_total - sum(v for v in shown if v is not None)
        assert derived == sum(hidden)
        assert not 1 <= derived <= 9
        assert len(hidden) >= 2


# Generating the lists is slow on a loaded machine; that is not what this test is about.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=14))
def test_no_small_cell_is_published_or_derivable(cells):
    _assert_safe(cells, sum(cells))


def test_known_cases():
    assert suppression.group([5, 40, 30], 75) == ([None, 40, None], 75)  # 30 goes with the 5
    assert suppression.group([0, 40, 30], 70) == ([0, 40, 30], 70)
    assert suppression.group([3, 4, 50], 57) == ([None, None, None], 57)  # 3+4=7 is small
    assert suppression.group([3], 3) == ([None], None)
    assert suppression.euros(123_456_78) == 123_000
    assert suppression.euros(49_999) == 0


@pytest.mark.django_db
def test_open_summary_of_the_walk_publishes_no_small_count(world):
    year = timezone.localdate().year
    data = opendata.open_summary(world.twente, year)
    published = [data[k] for k in opendata.COUNTS]
    for group in ("by_municipality", "by_target_group", "by_quarter"):
        for row in data[group]:
            published += [row["signed_up"], row["completed"]]
            for key in ("signed_up", "completed"):
                cells = [r[key] for r in data[group]]
                if data[key] is not None and None in cells:
                    derived = data[key] - sum(c for c in cells if c is not None)
                    assert not 1 <= derived <= 9
    assert all(v is None or not 1 <= v <= 9 for v in published)
    assert data["signed_up"] == 30  # big enough to publish
    assert "by_stream" not in data["money"]
    assert all(v % 1000 == 0 for v in data["money"]["totals"].values() if v is not None)


@pytest.mark.django_db
def test_public_page_downloads_and_api_without_login(client, world):
    year = timezone.localdate().year
    page = client.get(reverse("monitor:open_data"), {"year": year})
    assert page.status_code == 200 and "<svg" in page.content.decode()
    csv_file = client.get(reverse("monitor:open_data_download", args=["csv"]), {"year": year})
    assert csv_file.status_code == 200 and csv_file["Content-Type"].startswith("text/csv")
    rows = list(itertools.islice(csv_file.content.decode("utf-8-sig").splitlines(), 1, None))
    assert rows and all(
        not (cell.isdigit() and 1 <= int(cell) <= 9) for row in rows for cell in row.split(",")[5:]
    )
    js = client.get(reverse("monitor:open_data_download", args=["json"]), {"year": year})
    assert json.loads(js.content)["signed_up"] == 30
    api = client.get("/api/v1/open-data/summary", {"year": year, "region": "twente"})
    assert api.status_code == 200 and api.json()["signed_up"] == 30
    assert all(
        row["completed"] is None or not 1 <= row["completed"] <= 9
        for row in api.json()["by_municipality"]
    )


@pytest.mark.django_db
def test_open_data_bad_input(client, world):
    missing = client.get("/api/v1/open-data/summary", {"region": "nergens"})
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/problem+json")
    bad = client.get("/api/v1/open-data/summary", {"year": "twintig"})
    assert bad.status_code == 400 and "year" in bad.json()["errors"]
    assert client.get(reverse("monitor:open_data"), {"region": "nergens"}).status_code == 404
    assert (
        client.get(reverse("monitor:open_data_download", args=["csv"]), {"year": "x"}).status_code
        == 404
    )
