"""Server-side SVG charts for the monitor (no JavaScript, no CDN); every chart has its numbers
in a table beside it, so the SVG carries a title and a description for screen readers."""

from django.utils.formats import number_format
from django.utils.html import escape

BAR = "#0072B2"
GOAL = "#D55E00"
GREY = "#d9d9d9"


def shown_number(value) -> str:
    """A number as the reader writes it (1.234,5 in Dutch, 1,234.5 in English); coordinates
    in the SVG stay machine numbers."""
    return number_format(value, use_l10n=True, force_grouping=True)


def bars_svg(
    rows: list[tuple[str, int | None]], title: str, description: str, chart_id: str
) -> str:
    """Horizontal bars, one per (label, value); a value of None (suppressed) draws no bar."""
    if not rows:
        return ""
    top = max([v for _label, v in rows if v] or [1])
    height = 22 * len(rows) + 10
    out = [
        f'<svg class="monitor-chart" viewBox="0 0 480 {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, (label, value) in enumerate(rows):
        y = 5 + 22 * i
        width = 0 if not value else max(1.0, 280 * value / top)
        out.append(
            f'<text x="150" y="{y + 14}" font-size="11" text-anchor="end" fill="#1a1a1a">'
            f"{escape(label[:26])}</text>"
        )
        out.append(f'<rect x="155" y="{y + 3}" width="{width:.1f}" height="14" fill="{BAR}"/>')
        shown = "–" if value is None else shown_number(value)
        out.append(
            f'<text x="{160 + width:.1f}" y="{y + 14}" font-size="11" fill="#1a1a1a">{shown}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def progress_svg(value: int, goal: int, forecast: int | None, title: str, chart_id: str) -> str:
    """A progress bar towards a goal, with the forecast as a dashed marker."""
    share = min(1.0, value / goal) if goal else 0
    out = [
        f'<svg class="monitor-chart monitor-chart--progress" viewBox="0 0 480 40" role="img" '
        f'aria-labelledby="{chart_id}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<rect x="0" y="8" width="460" height="20" fill="{GREY}"/>',
        f'<rect x="0" y="8" width="{460 * share:.1f}" height="20" fill="{BAR}"/>',
    ]
    if forecast is not None and goal:
        x = 460 * min(1.0, forecast / goal)
        out.append(
            f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="36" stroke="{GOAL}" stroke-width="3" '
            f'stroke-dasharray="4 2"/>'
        )
    out.append("</svg>")
    return "".join(out)
