"""Charts as server-side SVG: no JavaScript, no CDN, prints sharply. Each chart is decorative
for screen readers' purposes only in the sense that the page always shows the same numbers
in a table next to it; the SVG itself carries a title and description.

Colours: the Okabe–Ito palette (distinguishable with colour-vision deficiencies); series also
differ in line style or marker shape, so colour is never the only cue.
"""

import math
import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
MARKERS = ["circle", "square", "diamond", "triangle", "circle-open", "square-open"]


def _lines(label: str, width: int = 18) -> list[str]:
    return textwrap.wrap(label, width) or [""]


def _point(angle: float, radius: float) -> tuple[float, float]:
    return radius * math.sin(angle), -radius * math.cos(angle)


def radar_svg(
    labels: list[str], series: list[dict], title: str, description: str, chart_id: str = "radar"
) -> str:
    """labels: axis labels; series: [{"label", "values": [0..100], "dashed": bool}]."""
    n = len(labels)
    if n < 3:
        return ""
    radius = 110
    out = [
        f'<svg class="scan-chart scan-chart--radar" viewBox="-240 -160 480 320" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    angles = [2 * math.pi * i / n for i in range(n)]
    for level in (25, 50, 75, 100):
        points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(a, radius * level / 100) for a in angles)
        )
        out.append(f'<polygon points="{points}" fill="none" stroke="#c8c8c8" stroke-width="0.8"/>')
        out.append(
            f'<text x="3" y="{-radius * level / 100 + 3:.1f}" font-size="7" fill="#595959">{level}</text>'
        )
    for angle, label in zip(angles, labels, strict=True):
        x, y = _point(angle, radius)
        out.append(
            f'<line x1="0" y1="0" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8c8c8" stroke-width="0.8"/>'
        )
        lx, ly = _point(angle, radius + 14)
        anchor = "middle" if abs(lx) < 5 else ("start" if lx > 0 else "end")
        lines = _lines(label)
        ly -= (len(lines) - 1) * 5 if ly < 0 else 0
        spans = "".join(
            f'<tspan x="{lx:.1f}" dy="{0 if i == 0 else 10}">{escape(t)}</tspan>'
            for i, t in enumerate(lines)
        )
        out.append(
            f'<text x="{lx:.1f}" y="{ly + 3:.1f}" font-size="9" text-anchor="{anchor}" fill="#1a1a1a">{spans}</text>'
        )
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (
                _point(a, radius * max(0, min(100, v)) / 100)
                for a, v in zip(angles, s["values"], strict=True)
            )
        )
        dash = ' stroke-dasharray="5 3"' if s.get("dashed") else ""
        fill = "none" if s.get("dashed") else colour
        out.append(
            f'<polygon points="{points}" fill="{fill}" fill-opacity="0.18" stroke="{colour}" stroke-width="2"{dash}/>'
        )
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        y = 130 + index * 13
        dash = ' stroke-dasharray="5 3"' if s.get("dashed") else ""
        out.append(
            f'<line x1="-230" y1="{y}" x2="-210" y2="{y}" stroke="{colour}" stroke-width="2"{dash}/>'
            f'<text x="-205" y="{y + 3}" font-size="9" fill="#1a1a1a">{escape(s["label"])}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind.startswith("square"):
        shape = f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7"'
    elif kind == "diamond":
        shape = f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} {x - 4.5:.1f},{y:.1f}"'
    elif kind == "triangle":
        shape = f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}"'
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"'
    fill = "#fff" if kind.endswith("-open") else colour
    return f'{shape} fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'


def line_svg(
    x_labels: list[str],
    series: list[dict],
    title: str,
    description: str,
    chart_id: str = "progress",
) -> str:
    """x_labels: one per measurement; series: [{"label", "values": [0..100 | None]}]."""
    if not x_labels:
        return ""
    width, height = 560, 220
    left, top, bottom = 45, 10, 30
    plot_w = width - left - 45
    plot_h = height - top - bottom
    legend_h = 14 * len(series) + 10
    out = [
        f'<svg class="scan-chart scan-chart--line" viewBox="0 0 {width} {height + legend_h}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]

    def px(i):
        return left + (plot_w / 2 if len(x_labels) == 1 else plot_w * i / (len(x_labels) - 1))

    def py(v):
        return top + plot_h * (1 - v / 100)

    for level in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{left}" y1="{py(level):.1f}" x2="{left + plot_w}" y2="{py(level):.1f}" stroke="#d9d9d9"/>'
            f'<text x="{left - 4}" y="{py(level) + 3:.1f}" font-size="9" text-anchor="end" fill="#595959">{level}</text>'
        )
    for i, label in enumerate(x_labels):
        out.append(
            f'<text x="{px(i):.1f}" y="{top + plot_h + 16}" font-size="9" text-anchor="middle" fill="#1a1a1a">{escape(label)}</text>'
        )
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        marker = MARKERS[index % len(MARKERS)]
        points = [(px(i), py(v)) for i, v in enumerate(s["values"]) if v is not None]
        if len(points) > 1:
            out.append(
                '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
                    colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                )
            )
        out.extend(_marker(marker, x, y, colour) for x, y in points)
        ly = height + 4 + index * 14
        out.append(
            f'<line x1="{left}" y1="{ly}" x2="{left + 20}" y2="{ly}" stroke="{colour}" stroke-width="2"/>'
            + _marker(marker, left + 10, ly, colour)
            + f'<text x="{left + 28}" y="{ly + 3}" font-size="9" fill="#1a1a1a">{escape(s["label"])}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))
