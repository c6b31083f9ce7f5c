"""Reads for outcome insights: raw counts in SQL (never rows in Python), then the one
disclosure rule (`insights.suppression.suppress_table`) before anything is shown.

A table is asked for as an `InsightsQuery` (rows, columns, filters). The counts come from the
summary set that answers it exactly (`insights.cube.cube_for`; there is one for every table
the page allows), else from the facts (a query built outside the page); either way one
statement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import connection
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django_countries import countries

from insights.cube import cube_for, grouping_of
from insights.dimensions import (
    ADJUDICATOR,
    ADJUDICATOR_MIN_DECISIONS,
    DENIAL_REASON_CODES,
    DIMENSIONS,
    LEVEL_CODES,
)
from insights.models import RELIEF_RESULTS, Result
from insights.suppression import SuppressedTable, suppress_table
from outcomes.models import AdjudicatorLevel, DenialReason
from taxonomy.models import PersecutionType, ProtectionType, TermName

OTHER_ADJUDICATORS = "\x00other"


@dataclass(frozen=True)
class InsightsQuery:
    rows: str = "country"
    columns: str = "result"
    # {dimension key: value} (codes as int, text as str); at most one value per dimension.
    # A filter on the rows' or columns' own dimension keeps that one row or column.
    filters: Mapping[str, int | str] = field(default_factory=dict)


@dataclass
class CountTable:
    """Counts before suppression: never leaves this module except through `suppress`."""

    row_keys: list
    col_keys: list
    counts: list[list[int]]


def _fact_expression(key: str) -> tuple[str, str]:
    """(SQL for the value, FROM addition) of a dimension over the fact table."""
    dim = DIMENSIONS[key]
    if dim.multi_valued:
        alias = f"u_{key}"
        return (
            f"{alias}.value",
            f" CROSS JOIN LATERAL unnest(f.{dim.fact_column}) AS {alias}(value)",
        )
    return f"f.{dim.fact_column}", ""


def _fact_filter(key: str, shown: tuple[str, str]) -> str:
    dim = DIMENSIONS[key]
    if dim.multi_valued and key in shown:
        # Filtering the dimension shown keeps its one row or column (as the summary does).
        return f"u_{key}.value = %s"
    if dim.multi_valued:
        return f"%s = ANY(f.{dim.fact_column})"
    return f"f.{dim.fact_column} = %s"


def count_table_sql(query: InsightsQuery) -> tuple[str, list]:
    """The one statement that counts outcomes by rows x columns under the filters."""
    used = {query.rows, query.columns, *query.filters}
    cube = cube_for(used)
    params: list = []
    if cube is not None:
        rows = DIMENSIONS[query.rows].cube_column
        cols = DIMENSIONS[query.columns].cube_column
        where = ["grouping = %s"]
        params.append(grouping_of(cube))
        for key, value in sorted(query.filters.items()):
            where.append(f"{DIMENSIONS[key].cube_column} = %s")
            params.append(value)
        sql = (
            # Column names come from DIMENSIONS; every chosen value is a parameter.
            f"SELECT {rows}, {cols}, SUM(outcomes)::int FROM insights_outcomecube "  # noqa: S608
            f"WHERE {' AND '.join(where)} GROUP BY 1, 2 HAVING SUM(outcomes) > 0"
        )
        return sql, params
    row_sql, row_from = _fact_expression(query.rows)
    col_sql, col_from = _fact_expression(query.columns)
    where = []
    for key, value in sorted(query.filters.items()):
        where.append(_fact_filter(key, (query.rows, query.columns)))
        params.append(value)
    where_sql = f" WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT {row_sql}, {col_sql}, count(*)::int "  # noqa: S608
        f"FROM insights_outcomefact f{row_from}{col_from}{where_sql} GROUP BY 1, 2"
    )
    return sql, params


def _all_values(key: str) -> list | None:
    """Every value of a small closed dimension, so zero columns show as zeros."""
    if key == "result":
        return list(Result.values)
    if key == "adjudicator_level":
        return list(LEVEL_CODES.values())
    if key == "denial_reason":
        return list(DENIAL_REASON_CODES.values())
    return None


def count_table(query: InsightsQuery) -> CountTable:
    sql, params = count_table_sql(query)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return table_from_counts(cursor.fetchall(), query)


def table_from_counts(found: list[tuple], query: InsightsQuery) -> CountTable:
    """The table of (row value, column value, count) triples, small adjudicators merged."""
    row_keys = sorted({r for r, _c, _n in found}, key=_sort_key)
    col_keys = _all_values(query.columns) or sorted({c for _r, c, _n in found}, key=_sort_key)
    row_index = {k: i for i, k in enumerate(row_keys)}
    col_index = {k: j for j, k in enumerate(col_keys)}
    counts = [[0] * len(col_keys) for _ in row_keys]
    for r, c, n in found:
        if c in col_index:
            counts[row_index[r]][col_index[c]] += n
    if query.rows == ADJUDICATOR or query.columns == ADJUDICATOR:
        return _merge_small_adjudicators(CountTable(row_keys, col_keys, counts), query)
    return CountTable(row_keys, col_keys, counts)


def _sort_key(value):
    return (isinstance(value, str), value)


def _merge_small_adjudicators(table: CountTable, query: InsightsQuery) -> CountTable:
    """SECURITY: an adjudicator with fewer than 100 reported decisions (in the table shown) is
    never named: their outcomes join one row, "Other adjudicators" (TRAC's rule)."""
    if query.rows != ADJUDICATOR:
        # Names as columns: the same rule applied to the transposed table.
        flipped = (
            CountTable(
                table.col_keys,
                table.row_keys,
                [list(col) for col in zip(*table.counts, strict=True)],
            )
            if table.counts
            else CountTable(table.col_keys, table.row_keys, [])
        )
        merged = _merge_small_adjudicators(flipped, InsightsQuery(ADJUDICATOR, query.rows))
        return CountTable(
            merged.col_keys,
            merged.row_keys,
            [list(col) for col in zip(*merged.counts, strict=True)],
        )
    keep_keys, keep_counts = [], []
    other = [0] * len(table.col_keys)
    for key, row in zip(table.row_keys, table.counts, strict=True):
        if key and sum(row) >= ADJUDICATOR_MIN_DECISIONS:
            keep_keys.append(key)
            keep_counts.append(row)
        else:
            other = [a + b for a, b in zip(other, row, strict=True)]
    if any(other):
        keep_keys.append(OTHER_ADJUDICATORS)
        keep_counts.append(other)
    return CountTable(keep_keys, table.col_keys, keep_counts)


def _term_labels(model) -> dict[int, str]:
    """Each term's name in the active language, in list order (one query)."""
    rows = model.objects.order_by("position", "name").values_list("id", "name", "name_es")
    return {pk: str(TermName(name, name_es)) for pk, name, name_es in rows}


class Labels:
    """Display names for dimension values, read once per page (two small queries at most)."""

    def __init__(self, keys: set[str]):
        self._taxonomy: dict[str, dict[int, str]] = {}
        if "persecution_type" in keys:
            self._taxonomy["persecution_type"] = _term_labels(PersecutionType)
        if "protection_type" in keys:
            self._taxonomy["protection_type"] = _term_labels(ProtectionType)
        self._countries = dict(countries) if "country" in keys else {}

    def taxonomy(self, key: str) -> list[tuple[int, str]]:
        return list(self._taxonomy.get(key, {}).items())

    def label(self, key: str, value) -> str:
        if key == "country":
            return str(self._countries.get(value, value))
        if key in self._taxonomy:
            return self._taxonomy[key].get(value, _("(removed)"))
        if key == "result":
            return str(Result(value).label)
        if key == "adjudicator_level":
            levels = {code: value for value, code in LEVEL_CODES.items()}
            return str(AdjudicatorLevel(levels[value]).label) if value in levels else "?"
        if key == "denial_reason":
            reasons = {code: value for value, code in DENIAL_REASON_CODES.items()}
            return str(DenialReason(reasons[value]).label) if value in reasons else "?"
        if key == ADJUDICATOR and value == OTHER_ADJUDICATORS:
            return _("Other adjudicators (fewer than 100 reported decisions)")
        if key in ("location", ADJUDICATOR) and not value:
            return _("Not reported")
        return str(value)


def count_formatter() -> Callable[[int | None], str | None]:
    """How the table and the chart write a count in the active language: "12,345" in English,
    "12.345" in Spanish (the locale's thousands separator, as `intcomma` writes it elsewhere);
    None stays None (a hidden figure). The separator is looked up once per table, not per
    figure: a large table has thousands."""
    separator = get_format("THOUSAND_SEPARATOR")

    def number(value: int | None) -> str | None:
        return None if value is None else f"{value:,}".replace(",", separator)

    return number


@dataclass
class InsightsTable:
    """A table as it may be published: labels, the suppressed figures and rates."""

    query: InsightsQuery
    row_labels: list[str]
    col_labels: list[str]
    shown: SuppressedTable
    # The rate column exists only when the columns are the outcomes.
    has_rates: bool

    @property
    def rows(self):
        for i, label in enumerate(self.row_labels):
            yield {
                "label": label,
                "cells": self.shown.cells[i],
                "total": self.shown.row_totals[i],
                "rate": self.shown.rates[i],
            }

    def display_rows(self) -> list[dict]:
        """The rows with figures formatted once here (None stays None: shown as a dash);
        formatting in the template costs more than the query on a large table."""
        number = count_formatter()
        return [
            {
                "label": row["label"],
                "cells": [number(v) for v in row["cells"]],
                "total": number(row["total"]),
                "rate": None if row["rate"] is None else f"{row['rate']:.0%}",
            }
            for row in self.rows
        ]

    def display_totals(self) -> dict:
        number = count_formatter()
        return {
            "cells": [number(v) for v in self.shown.col_totals],
            "total": number(self.shown.grand_total),
        }


def insights_table(query: InsightsQuery, labels: Labels | None = None) -> InsightsTable:
    """Counts by rows x columns under the filters, with every figure that may not be
    published hidden (see `suppress_table`)."""
    counts = count_table(query)
    labels = labels or Labels({query.rows, query.columns})
    has_rates = query.columns == "result"
    relief = [j for j, key in enumerate(counts.col_keys) if key in RELIEF_RESULTS]
    shown = suppress_table(counts.counts, relief_columns=relief if has_rates else ())
    return InsightsTable(
        query=query,
        row_labels=[labels.label(query.rows, key) for key in counts.row_keys],
        col_labels=[labels.label(query.columns, key) for key in counts.col_keys],
        shown=shown,
        has_rates=has_rates,
    )


@dataclass
class SimilarPanel:
    """One "outcomes reported for similar cases" table on a case record."""

    key: str
    heading: str
    table: InsightsTable | None
    # Why there is no table (no outcome reported yet, too few decisions for a name...).
    empty_note: str = ""


def _similar_sql() -> str:
    by_type = grouping_of(cube_for({"persecution_type", "country", "result"}))
    by_court = grouping_of(cube_for({"location", "year", "result"}))
    by_adjudicator = grouping_of(cube_for({"adjudicator", "year", "result"}))
    # One statement for the three panels; the court and adjudicator come from the case's
    # latest outcome's fact row (so they are normalised exactly as the counts are).
    return f"""
        SELECT 'type', persecution_type, result, SUM(outcomes)::int
        FROM insights_outcomecube
        WHERE grouping = {by_type} AND country = %(country)s
          AND persecution_type = ANY(%(types)s)
        GROUP BY 2, 3
        UNION ALL
        SELECT 'court', year, result, SUM(outcomes)::int
        FROM insights_outcomecube
        WHERE grouping = {by_court} AND location <> '' AND location =
          (SELECT location FROM insights_outcomefact WHERE outcome_id = %(outcome)s)
        GROUP BY 2, 3
        UNION ALL
        SELECT 'adjudicator', year, result, SUM(outcomes)::int
        FROM insights_outcomecube
        WHERE grouping = {by_adjudicator} AND adjudicator <> '' AND adjudicator =
          (SELECT adjudicator FROM insights_outcomefact WHERE outcome_id = %(outcome)s)
        GROUP BY 2, 3
    """  # noqa: S608 (grouping numbers from insights.cube; values are parameters)


def case_page_similar(case) -> dict:
    """The case record's "outcomes of similar cases" panel (registered in cases.extensions)."""
    return {"similar": similar_case_outcomes(case)}


def similar_case_outcomes(case) -> list[SimilarPanel]:
    """Outcomes reported for cases like this one, suppressed as every insights table is:
    same country and persecution type; same court; same adjudicator (named only with at
    least 100 reported decisions). One query; the case's types must be prefetched."""
    types = {t.pk: str(t) for t in case.persecution_types.all()}
    outcomes = list(case.outcomes.all())
    latest = max(outcomes, key=lambda o: (o.decided_on, o.pk)) if outcomes else None
    with connection.cursor() as cursor:
        cursor.execute(
            _similar_sql(),
            {
                "country": case.country_of_origin.code,
                "types": list(types),
                "outcome": latest.pk if latest else None,
            },
        )
        found = cursor.fetchall()
    counts: dict[str, dict] = {"type": {}, "court": {}, "adjudicator": {}}
    for panel, row, result, n in found:
        counts[panel][(row, result)] = n
    results = list(Result.values)
    relief = [j for j, key in enumerate(results) if key in RELIEF_RESULTS]
    col_labels = [str(Result(v).label) for v in results]

    def table(panel: str, rows: list, row_labels: list[str], query: InsightsQuery):
        cells = [[counts[panel].get((r, c), 0) for c in results] for r in rows]
        return InsightsTable(
            query=query,
            row_labels=row_labels,
            col_labels=col_labels,
            shown=suppress_table(cells, relief_columns=relief),
            has_rates=True,
        )

    country = str(dict(countries).get(case.country_of_origin.code, case.country_of_origin.code))
    type_rows = [pk for pk in types if any(r == pk for r, _c in counts["type"])]
    panels = [
        SimilarPanel(
            "type",
            _("Same country (%(country)s) and persecution type") % {"country": country},
            table(
                "type",
                type_rows,
                [types[pk] for pk in type_rows],
                InsightsQuery(
                    "persecution_type", "result", {"country": case.country_of_origin.code}
                ),
            )
            if type_rows
            else None,
            _("No outcomes reported yet for this country and these types."),
        )
    ]
    if latest is None:
        note = _("Report an outcome on this case to compare its court and adjudicator.")
        panels.append(SimilarPanel("court", _("Same court or asylum office"), None, note))
        panels.append(SimilarPanel("adjudicator", _("Same adjudicator"), None, note))
        return panels
    for panel, heading, name in (
        ("court", _("Same court or asylum office (%(name)s)"), latest.location),
        ("adjudicator", _("Same adjudicator (%(name)s)"), latest.adjudicator_name),
    ):
        years = sorted({r for r, _c in counts[panel]})
        total = sum(counts[panel].values())
        if not name.strip() or not years:
            panels.append(
                SimilarPanel(
                    panel,
                    heading % {"name": name or "—"},
                    None,
                    _("Not reported on this case's latest outcome."),
                )
            )
        elif panel == "adjudicator" and total < ADJUDICATOR_MIN_DECISIONS:
            # SECURITY: TRAC's rule; an adjudicator's figures only from 100 decisions.
            panels.append(
                SimilarPanel(
                    panel,
                    heading % {"name": name},
                    None,
                    _("Fewer than 100 decisions reported for this adjudicator, so none are shown."),
                )
            )
        else:
            panels.append(
                SimilarPanel(
                    panel,
                    heading % {"name": name},
                    table(panel, years, [str(y) for y in years], InsightsQuery("year", "result")),
                )
            )
    return panels
