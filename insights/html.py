"""The insights table's rows as HTML, built in one pass. A table can have thousands of cells
(adjudicators by year); rendering each through template tags cost more than the query and
the suppression together. Every text is escaped."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def _cell(value: str | None, hidden: str) -> str:
    if value is None:
        return f'<td class="align-right"><span aria-label="{hidden}">—</span></td>'
    return f'<td class="align-right">{escape(value)}</td>'


def table_rows_html(rows: list[dict], *, has_rates: bool) -> SafeString:
    """<tr>s for `InsightsTable.display_rows()`."""
    hidden = escape(_("hidden"))
    not_shown = escape(_("not shown"))
    out = []
    for row in rows:
        out.append(f'<tr><th scope="row">{escape(row["label"])}</th>')
        out.extend(_cell(v, hidden) for v in row["cells"])
        out.append(_cell(row["total"], hidden))
        if has_rates:
            out.append(_cell(row["rate"], not_shown))
        out.append("</tr>")
    return mark_safe("".join(out))


def totals_row_html(totals: dict, *, has_rates: bool) -> SafeString:
    hidden = escape(_("hidden"))
    out = [f'<tr><th scope="row">{escape(_("Total"))}</th>']
    out.extend(_cell(v, hidden) for v in totals["cells"])
    out.append(_cell(totals["total"], hidden))
    if has_rates:
        out.append("<td></td>")
    out.append("</tr>")
    return mark_safe("".join(out))
