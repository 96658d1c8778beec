"""The numbers a chart shows follow the reader's language (1.234,5 in Dutch, 1,234.5 in
English); the SVG's coordinates stay machine numbers."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from vakmanschap.monitor import charts, maps

ROWS = [("Enschede", 1234), ("Welzijn", Decimal("7.3")), ("Per 1.000", 12.5), ("Verborgen", None)]


def _shown(svg: str) -> list[str]:
    """The texts after the bars: the numbers the reader sees."""
    return re.findall(r'<text x="[\d.]+" y="\d+" font-size="11" fill="#1a1a1a">([^<]*)</text>', svg)


def _coordinates(svg: str) -> list[str]:
    return re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg)


@pytest.mark.parametrize(
    "language, expected",
    [("nl", ["1.234", "7,3", "12,5", "–"]), ("en", ["1,234", "7.3", "12.5", "–"])],
)
def test_bar_chart_numbers_follow_the_language(language, expected):
    with translation.override(language):
        svg = charts.bars_svg(ROWS, "Titel", "Beschrijving", "test")
    assert _shown(svg) == expected
    for value in _coordinates(svg):
        float(value)  # a comma here would break the drawing


def test_map_labels_and_legend_follow_the_language(settings):
    if not maps.boundaries_file().is_file():
        pytest.skip("shared municipality boundaries not present")
    rows = [{"code": "GM0153", "name": "Enschede", "signed_up": 12345}]
    with translation.override("nl"):
        svg = maps.choropleth_svg(rows, "signed_up", "Kaart", "Beschrijving", "CBS")
    assert "Enschede: 12.345</title>" in svg
    assert "2.470–4.938" in svg  # the legend's classes, grouped the Dutch way
    with translation.override("en"):
        svg = maps.choropleth_svg(rows, "signed_up", "Map", "Description", "CBS")
    assert "Enschede: 12,345</title>" in svg
    path = re.search(r'<path d="([^"]+)"', svg).group(1)
    assert re.fullmatch(r"[ML0-9., Z-]+", path) and ";" not in path
