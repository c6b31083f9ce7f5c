"""Server-drawn charts: the geometry of a stacked bar chart, rendered by
templates/insights/chart.html as inline SVG (no chart script, no inline style: only SVG
presentation attributes, which the CSP allows).

The chart is narrow by design (a 360-unit viewBox that scales to its box) with each row's
label on its own line above its bar, so it fits a 320 px screen without scrolling sideways.
Each series has a colour *and* a pattern, named in the legend; the table beside it holds the
same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from insights.selectors import InsightsTable, count_formatter

WIDTH = 360
BAR_HEIGHT = 18
ROW_GAP = 12
LABEL_HEIGHT = 16
LEGEND_LINE = 20
# Space for the figure after the bar (the row total).
VALUE_SPACE = 56
MAX_ROWS = 40

# Colour-blind-safe palette (Okabe-Ito), each with a pattern so print and forced-colour
# readers can tell the series apart too.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
PATTERNS = ["solid", "diagonal", "dots", "horizontal", "cross", "vertical", "reverse"]


@dataclass
class Segment:
    x: float
    width: float
    fill: str
    # The count as the active language writes it.
    value: str
    label: str


@dataclass
class Bar:
    label: str
    label_y: float
    y: float
    segments: list[Segment]
    value_x: float
    value_text: str


@dataclass
class LegendItem:
    fill: str
    label: str
    x: float
    y: float


@dataclass
class Chart:
    id: str
    width: int
    height: float
    bars: list[Bar]
    legend: list[LegendItem]
    series: list[dict]
    truncated: int


def bar_chart(table: InsightsTable, *, chart_id: str = "insights-chart") -> Chart:
    """One stacked bar per row; only figures the table shows are drawn."""

    def fill(j: int) -> str:
        return f"url(#{chart_id}-p{j % len(PATTERNS)})"

    # One <pattern> per look; series past the seventh reuse a look (the legend says which).
    series = [
        {
            "pattern_id": f"{chart_id}-p{j}",
            "colour": PALETTE[j],
            "pattern": PATTERNS[j],
        }
        for j in range(min(len(table.col_labels), len(PATTERNS)))
    ]
    # Legend: wrapped lines of swatch + label (label width estimated from its length).
    legend: list[LegendItem] = []
    x, y = 0.0, 0.0
    for j, label in enumerate(table.col_labels):
        width = 22 + 6.4 * min(len(label), 40)
        if x > 0 and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_LINE
        legend.append(LegendItem(fill(j), label[:40], x, y))
        x += width + 10
    top = y + LEGEND_LINE + 8 if legend else 0

    rows = list(table.rows)
    truncated = max(0, len(rows) - MAX_ROWS)
    rows = rows[:MAX_ROWS]
    largest = max(
        [r["total"] or sum(v for v in r["cells"] if v) for r in rows] + [1],
    )
    scale = (WIDTH - VALUE_SPACE) / largest
    number = count_formatter()
    bars = []
    for n, row in enumerate(rows):
        label_y = top + n * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP) + 12
        bar_y = label_y + 4
        x = 0.0
        segments = []
        for j, value in enumerate(row["cells"]):
            if not value:
                continue
            width = value * scale
            segments.append(Segment(x, width, fill(j), number(value), table.col_labels[j]))
            x += width
        hidden = any(v is None for v in row["cells"])
        total = row["total"]
        text = number(total) if total is not None else "—"
        if hidden and total is not None:
            text += " *"
        bars.append(Bar(row["label"][:60], label_y, bar_y, segments, x + 4, text))
    height = top + len(rows) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP) + 4
    return Chart(chart_id, WIDTH, height, bars, legend, series, truncated)


_PATTERN_MARKS = {
    "solid": "",
    "diagonal": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#ffffff" stroke-width="1.4"/>',
    "dots": '<circle cx="3" cy="3" r="1.3" fill="#ffffff"/>',
    "horizontal": '<path d="M0,3 h6" stroke="#ffffff" stroke-width="1.4"/>',
    "cross": '<path d="M0,3 h6 M3,0 v6" stroke="#ffffff" stroke-width="1.2"/>',
    "vertical": '<path d="M3,0 v6" stroke="#ffffff" stroke-width="1.4"/>',
    "reverse": '<path d="M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke="#ffffff" stroke-width="1.4"/>',
}


def render_svg(chart: Chart, *, title: str, desc: str) -> str:
    """The chart as inline SVG markup. Built here rather than in a template: a large table's
    chart is thousands of numbers, and template filters per number cost more than the query.
    Every text is escaped; only presentation attributes are used (the CSP forbids inline
    style)."""
    cid = escape(chart.id)
    out = [
        f'<svg role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {chart.width} {chart.height:.0f}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
        "<defs>",
    ]
    for s in chart.series:
        out.append(
            f'<pattern id="{escape(s["pattern_id"])}" patternUnits="userSpaceOnUse" '
            f'width="6" height="6"><rect width="6" height="6" fill="{s["colour"]}"/>'
            f"{_PATTERN_MARKS[s['pattern']]}</pattern>"
        )
    out.append('</defs><g font-size="11" fill="#1f2933">')
    for item in chart.legend:
        out.append(
            f'<rect x="{item.x:.1f}" y="{item.y:.1f}" width="14" height="14" '
            f'fill="{item.fill}" stroke="#1f2933" stroke-width="0.5"/>'
            f'<text x="{item.x:.1f}" dx="18" y="{item.y:.1f}" dy="11">{escape(item.label)}</text>'
        )
    out.append('</g><g font-size="12" fill="#1f2933">')
    for bar in chart.bars:
        out.append(f'<text x="0" y="{bar.label_y:.1f}">{escape(bar.label)}</text>')
        for seg in bar.segments:
            out.append(
                f'<rect x="{seg.x:.2f}" y="{bar.y:.1f}" width="{seg.width:.2f}" '
                f'height="{BAR_HEIGHT}" fill="{seg.fill}" stroke="#ffffff" stroke-width="0.5">'
                f"<title>{escape(seg.label)}: {escape(seg.value)}</title></rect>"
            )
        out.append(
            f'<text x="{bar.value_x:.1f}" y="{bar.y:.1f}" dy="13">{escape(bar.value_text)}</text>'
        )
    out.append("</g></svg>")
    return mark_safe("".join(out))
