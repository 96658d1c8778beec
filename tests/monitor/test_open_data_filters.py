"""Open data under a filter: no published cell lies between 1 and 9, not in one filtered view,
not by subtracting one filtered view from another or from the unfiltered page."""

import itertools

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from vakmanschap.monitor import opendata, opendata_filters, suppression
from vakmanschap.people.models import Participant


def _lines_are_safe(cells, row_totals, grand_total, shown, column_totals):
    n_cols = len(cells[0])
    flat = [v for row in shown for v in row] + column_totals
    assert all(v is None or not 1 <= v <= 9 for v in flat)
    lines = [(cells[r], shown[r], row_totals[r]) for r in range(len(cells))]
    lines += [
        ([row[c] for row in cells], [row[c] for row in shown], column_totals[c])
        for c in range(n_cols)
    ]
    lines.append(
        ([sum(row[c] for row in cells) for c in range(n_cols)], column_totals, grand_total)
    )
    for real, published, total in lines:
        hidden = [v for v, p in zip(real, published, strict=True) if p is None]
        if total is None or not hidden:
            continue
        assert len(hidden) >= 2, (real, published, total)
        assert not 1 <= total - sum(p for p in published if p is not None) <= 9


@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=40), min_size=3, max_size=3),
        min_size=1,
        max_size=6,
    )
)
def test_no_small_cell_in_any_column_or_difference(cells):
    # The row totals as the unfiltered page publishes them (with secondary suppression).
    row_totals, grand = suppression.group([sum(row) for row in cells], sum(map(sum, cells)))
    shown, column_totals = suppression.table(cells, row_totals, grand)
    for r, row in enumerate(shown):
        for c, v in enumerate(row):
            assert v is None or v == cells[r][c]
    _lines_are_safe(cells, row_totals, grand, shown, column_totals)


def test_known_table():
    # Two municipalities × two levels; Hengelo's 3 forces its 12 away, and the column
    # hiding 3 needs a second hidden cell too.
    shown, totals = suppression.table([[3, 12], [20, 30]], [15, 50], 65)
    assert shown == [[None, None], [None, None]]
    assert totals == [23, 42]


@pytest.mark.django_db
def test_filtered_open_data_of_the_walk_reveals_no_small_count(world):
    people = world.people
    for i, person in enumerate(people):
        Participant.objects.filter(pk=person.pk).update(
            education_level=("mbo2", "mbo4", "hbo")[i % 3] if i < 27 else "wo"
        )
    year = timezone.localdate().year
    published = opendata.open_summary(world.twente, year)
    views = {
        value: opendata_filters.filtered_summary(
            published, world.twente, year, "education_level", value
        )
        for value in opendata_filters.categories("education_level")
    }
    for view in views.values():
        for row in view["by_municipality"]:
            assert all(row[k] is None or not 1 <= row[k] <= 9 for k in ("signed_up", "completed"))
        assert all(view[k] is None or not 1 <= view[k] <= 9 for k in ("signed_up", "completed"))
        assert {row["code"] for row in view["by_municipality"]} == {"GM0153", "GM0164"}
    for key in ("signed_up", "completed"):
        # Subtract any set of filtered views from the unfiltered page: never a count of 1-9.
        for row_index, row in enumerate(published["by_municipality"]):
            cells = [views[v]["by_municipality"][row_index][key] for v in views]
            hidden = [c for c in cells if c is None]
            if row[key] is None or not hidden:
                continue
            assert len(hidden) >= 2
            assert not 1 <= row[key] - sum(c for c in cells if c is not None) <= 9
        for a, b in itertools.combinations(views.values(), 2):
            for ra, rb in zip(a["by_municipality"], b["by_municipality"], strict=True):
                if ra[key] is not None and rb[key] is not None:
                    assert ra[key] == 0 or ra[key] >= 10
    # The 3 WO graduates show nowhere as 3.
    assert views["wo"]["signed_up"] is None


@pytest.mark.django_db
def test_open_data_page_filters_one_at_a_time(client, world):
    year = timezone.localdate().year
    url = "/open-data/"
    response = client.get(url, {"year": year, "education_level": "mbo2"})
    assert response.status_code == 200
    filtered = response.context["filtered"]
    assert filtered["filter"] == {"education_level": "mbo2"}
    assert filtered["signed_up"] == 30  # everyone of the walk has MBO 2
    assert 'id="filtered-table"' in response.content.decode()

    response = client.get(url, {"year": year, "education_level": "mbo2", "age_band": "25-34"})
    assert response.status_code == 200
    assert "age_band" in response.context["form"].errors
    assert response.context["filtered"] is None

    response = client.get(url, {"year": year, "education_level": "doctor"})
    assert response.status_code == 200
    assert "education_level" in response.context["form"].errors
