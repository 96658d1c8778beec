"""A choropleth of the region's municipalities, drawn server-side as SVG from the CBS/PDOK
boundaries in the shared reference data (`<SHARED_DIR>/nl/gemeente_2025.topojson`; never
copied into the repository). Without that file the map is None and the page says so; the
figures are always in the table beside it."""

import json
import math
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape

from .charts import shown_number

# ColorBrewer "Blues", 5 classes: sequential and readable for colour-blind viewers.
CLASSES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_VALUE = "#d9d9d9"
WIDTH = 420


def boundaries_file() -> Path:
    return Path(settings.SHARED_DIR) / "nl" / "gemeente_2025.topojson"


@lru_cache(maxsize=4)
def _topology(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _decoded_arc(topology: dict, index: int) -> list[tuple[float, float]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arc = topology["arcs"][index if index >= 0 else ~index]
    x = y = 0
    points = []
    for dx, dy in arc:  # quantised and delta-encoded
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return points if index >= 0 else points[::-1]


def _rings(topology: dict, geometry: dict) -> list[list[tuple[float, float]]]:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for index in ring:
                arc = _decoded_arc(topology, index)
                points.extend(arc[1:] if points else arc)  # arcs share their end points
            rings.append(points)
    return rings


def shapes(codes: tuple[str, ...]) -> dict[str, list[list[tuple[float, float]]]] | None:
    """Longitude/latitude rings per CBS code, or None without the boundaries file."""
    path = boundaries_file()
    if not path.is_file():
        return None
    topology = _topology(str(path), path.stat().st_mtime)
    (layer,) = topology["objects"].values()
    wanted = set(codes)
    return {
        g["properties"]["statcode"]: _rings(topology, g)
        for g in layer["geometries"]
        if g["properties"].get("statcode") in wanted
    }


def _classes(values: list[int]) -> list[int]:
    """Upper bounds of five equal steps up to the highest value (at least 1 each)."""
    top = max(values or [0])
    step = max(1, math.ceil(top / len(CLASSES)))
    return [step * (i + 1) for i in range(len(CLASSES))]


def choropleth_svg(
    rows: list[dict], key: str, title: str, description: str, credit: str, context=()
) -> str | None:
    """rows: dicts with "code", "name" and `key` (None = suppressed); context: (code, name) of
    municipalities drawn in outline only (the rest of the region under a filter). None
    without boundaries."""
    shown = {row["code"] for row in rows}
    context = [(code, name) for code, name in context if code not in shown]
    found = shapes(tuple(shown) + tuple(code for code, _name in context))
    if not found:
        return None
    points = [p for rings in found.values() for ring in rings for p in ring]
    lat0 = math.radians(sum(lat for _lon, lat in points) / len(points))
    xs = [lon * math.cos(lat0) for lon, _lat in points]
    ys = [-lat for _lon, lat in points]
    scale = WIDTH / ((max(xs) - min(xs)) or 1)
    height = round((max(ys) - min(ys)) * scale)
    legend_top = height + 10

    def project(lon, lat):
        return (lon * math.cos(lat0) - min(xs)) * scale, (-lat - min(ys)) * scale

    def outline(rings):
        return " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*p) for p in ring)) + " Z"
            for ring in rings
        )

    bounds = _classes([row[key] for row in rows if row[key] is not None])
    out = [
        f'<svg class="monitor-chart monitor-map" viewBox="0 0 {WIDTH} {legend_top + 40}" '
        f'role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(description)}</desc>',
    ]
    for row in rows:
        rings = found.get(row["code"])
        if not rings:
            continue
        value = row[key]
        fill = NO_VALUE if value is None else CLASSES[_class_of(value, bounds)]
        label = "–" if value is None else shown_number(value)
        out.append(
            f'<path d="{outline(rings)}" fill="{fill}" stroke="#1a1a1a" stroke-width="0.6" '
            f'data-municipality="{escape(row["code"])}"><title>{escape(row["name"])}: '
            f"{label}</title></path>"
        )
    for code, name in context:
        if code in found:
            out.append(
                f'<path d="{outline(found[code])}" fill="#ffffff" stroke="#767676" '
                f'stroke-width="0.6" stroke-dasharray="2 2"><title>{escape(name)}</title></path>'
            )
    lower = 0
    for i, (colour, upper) in enumerate(zip(CLASSES, bounds, strict=True)):
        x = 10 + i * 80
        out.append(
            f'<rect x="{x}" y="{legend_top}" width="16" height="12" fill="{colour}" '
            f'stroke="#1a1a1a" stroke-width="0.5"/>'
            f'<text x="{x + 20}" y="{legend_top + 10}" font-size="10" fill="#1a1a1a">'
            f"{shown_number(lower if i == 0 else lower + 1)}–{shown_number(upper)}</text>"
        )
        lower = upper
    out.append(
        f'<text x="10" y="{legend_top + 32}" font-size="9" fill="#1a1a1a">{escape(credit)}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def _class_of(value: int, bounds: list[int]) -> int:
    return next((i for i, upper in enumerate(bounds) if value <= upper), len(bounds) - 1)
