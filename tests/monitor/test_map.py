"""The municipality map: drawn from the shared CBS boundaries, shaded by the figures in the
table beside it; without the boundaries the page says so and the rest still works."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.monitor import maps

pytestmark = pytest.mark.django_db

needs_boundaries = pytest.mark.skipif(
    not maps.boundaries_file().is_file(), reason="shared municipality boundaries not present"
)


@needs_boundaries
def test_decoded_boundaries_lie_in_twente():
    found = maps.shapes(("GM0153", "GM0164"))
    assert set(found) == {"GM0153", "GM0164"}
    for rings in found.values():
        for ring in rings:
            assert ring[0] == pytest.approx(ring[-1], abs=1e-6)  # closed rings
            for lon, lat in ring:
                assert 6.3 < lon < 7.1 and 52.0 < lat < 52.6  # Twente, not the origin


@needs_boundaries
def test_map_shades_by_the_figures_and_other_regions_stay_off(client, world):
    client.force_login(user_with_role(Role.MONITOR))
    start = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    html = client.get(reverse("monitor:index"), {"date_from": start}).content.decode()
    svg = re.search(r'<svg class="monitor-chart monitor-map".*?</svg>', html, re.S).group(0)
    shaded = re.findall(r'fill="(#\w+)"[^>]*data-municipality="(GM\d+)"', svg)
    by_code = {code: fill for fill, code in shaded}
    assert set(by_code) == {"GM0153", "GM0164"}  # Aalten is the other region's
    # Enschede has 20 sign-ups (darkest class), Hengelo 10.
    assert by_code["GM0153"] == maps.CLASSES[-1]
    assert by_code["GM0164"] == maps.CLASSES[2]
    assert "Enschede: 20" in svg and "CBS / PDOK" in svg
    assert 'id="municipality-table"' in html


def test_without_boundaries_the_page_says_so(client, world, settings, tmp_path):
    settings.SHARED_DIR = tmp_path
    client.force_login(user_with_role(Role.MONITOR))
    response = client.get(reverse("monitor:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="map-missing"' in html and "monitor-map" not in html
    assert 'id="funnel-table"' in html
