"""Outcome insights pages: the staff page, the attorney page and their CSV exports.

Thin: parse the choices, read the suppressed table (`insights.selectors.insights_table`,
which applies `suppress_table`), draw the chart, render. The page, its chart and its CSV show
the same figures because they render the same table object.
"""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.models import Role
from accounts.permissions import role_required
from cases.models import Case
from insights.charts import bar_chart, render_svg
from insights.dimensions import DIMENSIONS
from insights.forms import COLUMN_KEYS, FILTER_KEYS, ROW_KEYS, FilterOptions, parse_choices
from insights.html import table_rows_html, totals_row_html
from insights.selectors import Labels, insights_table
from insights.suppression import COMPLEMENTARY, PRIMARY

HIDDEN = "—"


def _table_for(request):
    parsed = parse_choices(request.GET)
    labels = Labels({"persecution_type", "protection_type", "country"})
    table = insights_table(parsed.query, labels)
    return parsed, labels, table


def _page(request, *, audience: str, csv_url_name: str, may_view: bool = True):
    if not may_view:
        return render(request, "insights/insights.html", {"audience": audience, "may_view": False})
    parsed, labels, table = _table_for(request)
    options = FilterOptions.load(labels)
    query_string = urlencode(parsed.selected)
    filters = [
        {
            "key": key,
            "label": DIMENSIONS[key].label,
            "choices": options.choices[key],
            "selected": parsed.selected.get(key, ""),
        }
        for key in FILTER_KEYS
    ]
    chart = bar_chart(table)
    row_label = str(DIMENSIONS[parsed.query.rows].label)
    column_label = str(DIMENSIONS[parsed.query.columns].label)
    return render(
        request,
        "insights/insights.html",
        {
            "audience": audience,
            "may_view": True,
            "parsed": parsed,
            "table": table,
            "chart": chart,
            "chart_svg": render_svg(
                chart,
                title=_("Chart of the table below"),
                desc=_(
                    "Stacked horizontal bars, one per %(rows)s, split by %(columns)s; each part "
                    "has its own colour and pattern, named in the legend. Hidden counts are not "
                    "drawn. The table beside the chart gives the same numbers."
                )
                % {"rows": row_label.lower(), "columns": column_label.lower()},
            ),
            "rows_html": table_rows_html(table.display_rows(), has_rates=table.has_rates),
            "totals_html": totals_row_html(table.display_totals(), has_rates=table.has_rates),
            "row_choices": [(k, DIMENSIONS[k].label) for k in ROW_KEYS],
            "column_choices": [(k, DIMENSIONS[k].label) for k in COLUMN_KEYS],
            "filters": filters,
            "active_filters": [f for f in filters if f["selected"]],
            "row_label": row_label,
            "column_label": column_label,
            "csv_url": reverse(csv_url_name) + "?" + query_string,
            "reasons": table.shown.reasons,
            "PRIMARY": PRIMARY,
            "COMPLEMENTARY": COMPLEMENTARY,
        },
    )


def _csv(request, filename: str) -> HttpResponse:
    """Exactly the table the page shows: same figures, same dashes, same footnotes."""
    parsed, labels, table = _table_for(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)

    def fig(value):
        return HIDDEN if value is None else value

    header = [DIMENSIONS[parsed.query.rows].label, *table.col_labels, _("Total")]
    if table.has_rates:
        header.append(_("Any relief (rate)"))
    writer.writerow(header)
    for row in table.rows:
        line = [row["label"], *(fig(v) for v in row["cells"]), fig(row["total"])]
        if table.has_rates:
            line.append(HIDDEN if row["rate"] is None else f"{row['rate']:.0%}")
        writer.writerow(line)
    totals = [_("Total"), *(fig(v) for v in table.shown.col_totals), fig(table.shown.grand_total)]
    writer.writerow(totals)
    writer.writerow([])
    writer.writerow([_("Rows"), DIMENSIONS[parsed.query.rows].label])
    writer.writerow([_("Columns"), DIMENSIONS[parsed.query.columns].label])
    for key, code in parsed.query.filters.items():
        writer.writerow([_("Filter"), DIMENSIONS[key].label, labels.label(key, code)])
    for note in _footnotes(table):
        writer.writerow([note])
    return response


def _footnotes(table) -> list[str]:
    notes = []
    if PRIMARY in table.shown.reasons:
        notes.append(_("— Hidden: between 1 and 10 outcomes, too few to publish."))
    if COMPLEMENTARY in table.shown.reasons:
        notes.append(
            _("— Hidden so that a hidden small count cannot be worked out from the totals.")
        )
    if table.has_rates:
        notes.append(
            _(
                "Rates are shown only where at least 25 outcomes were reported "
                "and neither part is 1–10."
            )
        )
    return notes


@require_safe
@role_required(Role.STAFF)
def staff_insights(request):
    return _page(request, audience="staff", csv_url_name="insights:staff_csv")


@require_safe
@role_required(Role.STAFF)
def staff_insights_csv(request):
    return _csv(request, "outcome-insights.csv")


def _has_registered_case(user) -> bool:
    # As CGRS's own dashboard: open to attorneys who have registered a case.
    return Case.objects.filter(attorney=user).exists()


@require_safe
@role_required(Role.ATTORNEY)
def attorney_insights(request):
    return _page(
        request,
        audience="attorney",
        csv_url_name="insights:attorney_csv",
        may_view=_has_registered_case(request.user),
    )


@require_safe
@role_required(Role.ATTORNEY)
def attorney_insights_csv(request):
    if not _has_registered_case(request.user):
        return HttpResponse(_("Outcome insights open once you have registered a case."), status=403)
    return _csv(request, "outcome-insights.csv")
