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

from insights.selectors import InsightsTable

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
    value: int
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
            segments.append(Segment(x, width, fill(j), value, table.col_labels[j]))
            x += width
        hidden = any(v is None for v in row["cells"])
        total = row["total"]
        text = f"{total:,}" if total is not None else "—"
        if hidden and total is not None:
            text += " *"
        bars.append(Bar(row["label"][:60], label_y, bar_y, segments, x + 4, text))
    height = top + len(rows) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP) + 4
    return Chart(chart_id, WIDTH, height, bars, legend, series, truncated)
