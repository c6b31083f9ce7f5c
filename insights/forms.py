"""The insights page's choices (rows, columns, filters) read from the query string.

Unknown or malformed values are dropped with a note for the page, never an error: the page
always renders (SECURITY S15).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext as _
from django_countries import countries

from insights.cube import cube_for, grouping_of
from insights.dimensions import (
    ADJUDICATOR,
    ADJUDICATOR_PARTNERS,
    DENIAL_REASON_CODES,
    DIMENSIONS,
    LEVEL_CODES,
)
from insights.models import Result
from insights.selectors import InsightsQuery, Labels
from outcomes.models import AdjudicatorLevel, DenialReason

# Dimensions that may filter a table. Adjudicator names never filter (SECURITY: a name plus
# any other slice narrows to a handful of cases).
FILTER_KEYS = [
    "country",
    "persecution_type",
    "protection_type",
    "adjudicator_level",
    "location",
    "year",
    "result",
    "denial_reason",
]
ROW_KEYS = list(DIMENSIONS)
COLUMN_KEYS = [key for key, dim in DIMENSIONS.items() if dim.as_columns]


@dataclass
class FilterOptions:
    """The values each filter offers: (URL value, label) pairs, read in one query plus the
    taxonomy names (`Labels`)."""

    choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, labels: Labels) -> FilterOptions:
        scalar = grouping_of(cube_for({"country", "year"}))
        places = grouping_of(cube_for({"location"}))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 'country', country FROM insights_outcomecube WHERE grouping = %s "
                "GROUP BY 2 UNION ALL "
                "SELECT 'year', year::text FROM insights_outcomecube WHERE grouping = %s "
                "GROUP BY 2 UNION ALL "
                "SELECT 'location', location FROM insights_outcomecube WHERE grouping = %s "
                "AND location <> '' GROUP BY 2",
                [scalar, scalar, places],
            )
            found: dict[str, list[str]] = {"country": [], "year": [], "location": []}
            for key, value in cursor.fetchall():
                found[key].append(value)
        names = dict(countries)
        options = cls()
        options.choices["country"] = sorted(
            ((code, str(names.get(code, code))) for code in found["country"]),
            key=lambda pair: pair[1],
        )
        options.choices["persecution_type"] = [
            (str(pk), name) for pk, name in labels.taxonomy("persecution_type")
        ]
        options.choices["protection_type"] = [
            (str(pk), name) for pk, name in labels.taxonomy("protection_type")
        ]
        options.choices["adjudicator_level"] = [
            (value, str(label)) for value, label in AdjudicatorLevel.choices
        ]
        options.choices["location"] = [(v, v) for v in sorted(found["location"], key=str.casefold)]
        options.choices["year"] = [(y, y) for y in sorted(found["year"], reverse=True)]
        options.choices["result"] = [(str(v), str(label)) for v, label in Result.choices]
        options.choices["denial_reason"] = [
            (value, str(label)) for value, label in DenialReason.choices
        ]
        return options


def _code(key: str, raw: str):
    """The stored code for a filter's URL value, or None when it is not one."""
    if key == "adjudicator_level":
        return LEVEL_CODES.get(raw)
    if key == "denial_reason":
        return DENIAL_REASON_CODES.get(raw)
    if key == "country":
        return raw.upper() if len(raw) == 2 and raw.upper() in dict(countries) else None
    if key == "location":
        return raw if 0 < len(raw) <= 120 else None
    try:
        number = int(raw)
    except ValueError:
        return None
    if key == "result":
        return number if number in Result.values else None
    if key == "year":
        return number if 1950 <= number <= 2100 else None
    return number if 0 < number < 32768 else None  # taxonomy ids are smallints


@dataclass
class ParsedChoices:
    query: InsightsQuery
    # The URL values as chosen (for the form and the CSV link).
    selected: dict[str, str]
    notes: list[str]


def parse_choices(params) -> ParsedChoices:
    notes: list[str] = []
    rows = params.get("rows") or "country"
    columns = params.get("columns") or "result"
    if rows not in ROW_KEYS:
        notes.append(_("The rows chosen are not available; showing countries."))
        rows = "country"
    if columns not in COLUMN_KEYS:
        notes.append(_("The columns chosen are not available; showing outcomes."))
        columns = "result"
    if rows == columns:
        columns = "result" if rows != "result" else "year"
        notes.append(_("Rows and columns must differ; the columns were changed."))
    if ADJUDICATOR in (rows, columns):
        partner = columns if rows == ADJUDICATOR else rows
        if partner not in ADJUDICATOR_PARTNERS:
            notes.append(_("Adjudicators are shown only by year or by outcome; showing outcomes."))
            rows, columns = ADJUDICATOR, "result"
    filters: dict[str, int | str] = {}
    selected = {"rows": rows, "columns": columns}
    for key in FILTER_KEYS:
        raw = (params.get(key) or "").strip()
        if not raw:
            continue
        if ADJUDICATOR in (rows, columns) and key not in ADJUDICATOR_PARTNERS:
            notes.append(
                _("Filters other than year and outcome do not apply to adjudicator tables.")
            )
            continue
        code = _code(key, raw)
        if code is None:
            notes.append(_("A filter value was not recognised and was left out."))
            continue
        filters[key] = code
        selected[key] = raw
    return ParsedChoices(
        InsightsQuery(rows=rows, columns=columns, filters=filters), selected, sorted(set(notes))
    )
