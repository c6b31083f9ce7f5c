"""The chart writes its figures the way the table beside it does, in the page's language."""

from __future__ import annotations

import re

from django.utils import translation

from insights.charts import bar_chart, render_svg
from insights.html import table_rows_html
from insights.selectors import InsightsQuery, InsightsTable
from insights.suppression import SuppressedTable


def _table() -> InsightsTable:
    return InsightsTable(
        query=InsightsQuery(rows="country", columns="result"),
        row_labels=["Guatemala"],
        col_labels=["Granted", "Denied"],
        shown=SuppressedTable(
            cells=[[1234, 12345]],
            row_totals=[13579],
            col_totals=[1234, 12345],
            grand_total=13579,
            rates=[0.09],
        ),
        has_rates=True,
    )


def _svg() -> str:
    return render_svg(bar_chart(_table()), title="t", desc="d")


def test_spanish_chart_groups_thousands_as_the_spanish_table_does():
    with translation.override("es"):
        svg = _svg()
        table = table_rows_html(_table().display_rows(), has_rates=True)
    # Django's Spanish locale groups thousands with a non-breaking space (as `intcomma` does).
    assert "13\xa0579" in svg and "Granted: 1\xa0234" in svg and "Denied: 12\xa0345" in svg
    assert not re.search(r"\d,\d{3}", svg)
    # The same figure reads the same in the chart and in the table.
    assert "13\xa0579" in table


def test_english_chart_keeps_the_comma():
    with translation.override("en"):
        svg = _svg()
    assert "13,579" in svg and "Granted: 1,234" in svg and "Denied: 12,345" in svg
