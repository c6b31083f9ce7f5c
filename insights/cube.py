"""The summary table: which dimension sets are pre-counted, and the SQL that keeps it.

Each set is one `GROUP BY` over the facts (a multi-valued dimension unnested), stored under
its own `grouping` number. A page reads the rows of the one set that answers it (see
`cube_for`) instead of the facts. The same statements build the table from scratch and apply
one change (+1 / -1 per fact), so there is one definition.

Which sets, and why every view the page offers has one:
- A set that unnests a multi-valued dimension (persecution type, protection sought, denial
  reason) counts an outcome once per value, and drops an outcome with no value. So a set may
  answer a table only when the table uses exactly the set's multi-valued dimensions: summing
  a set over a dimension the table does not use would count outcomes twice or lose them.
- There are three multi-valued dimensions, so eight combinations of them. For each there is a
  set with every single-valued dimension a table may use (country, court or asylum office,
  adjudicator level, year, outcome): whatever rows, columns and filters the page allows, one
  set answers exactly. Smaller sets with the same multi-valued dimensions (without the
  country, without the court, without both) answer the tables that need less, in fewer rows.
- One set holds adjudicator names (by court, level, year and outcome), the only dimensions an
  adjudicator table may use (`insights.forms.parse_choices`).
A set's size is bounded by the number of values of its dimensions, not by the number of
outcomes: it stops growing once every combination has been reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from django.db import connection

from insights.dimensions import DIMENSIONS

# Summary table columns in key order; a column outside a set holds its placeholder.
CUBE_COLUMNS = [
    "country",
    "persecution_type",
    "protection_type",
    "denial_reason",
    "adjudicator_level",
    "location",
    "adjudicator",
    "year",
    "result",
]

MULTI_VALUED = frozenset(key for key in CUBE_COLUMNS if DIMENSIONS[key].multi_valued)
# In every set: few values each, and they are the trend (year) and the rates (outcome).
_ALWAYS = frozenset({"adjudicator_level", "year", "result"})
# The single-valued dimensions a set may add, smallest first (a court implies its level, so
# a set with courts is barely larger than one without).
_PLACES: list[frozenset[str]] = [
    frozenset(),
    frozenset({"country"}),
    frozenset({"location"}),
    frozenset({"country", "location"}),
]
_MULTI_COMBINATIONS: list[frozenset[str]] = [
    frozenset(chosen)
    for size in range(len(MULTI_VALUED) + 1)
    for chosen in combinations(sorted(MULTI_VALUED), size)
]
ADJUDICATOR_SET = frozenset({"adjudicator", "location"}) | _ALWAYS

# Smallest first within each combination of multi-valued dimensions: `cube_for` takes the
# first that answers. Sizes are printed by `bench_insights`.
CUBES: list[frozenset[str]] = [
    _ALWAYS | places | multi for multi in _MULTI_COMBINATIONS for places in _PLACES
] + [ADJUDICATOR_SET]


def grouping_of(dims: frozenset[str]) -> int:
    """The set's number, as PostgreSQL's GROUPING() would give it (1 bits = not grouped)."""
    return sum(
        1 << (len(CUBE_COLUMNS) - 1 - k) for k, c in enumerate(CUBE_COLUMNS) if c not in dims
    )


def cube_for(dims: Iterable[str]) -> frozenset[str] | None:
    """The smallest set that counts a table using `dims` (rows, columns and filters) exactly:
    it holds every one of them and no other multi-valued dimension."""
    needed = set(dims)
    return next((cube for cube in CUBES if needed <= cube and cube & MULTI_VALUED <= needed), None)


def _select_for(multi: frozenset[str], where: str, sign: str) -> str:
    """Every set with these multi-valued dimensions (one per entry of `_PLACES`), from one
    pass over the facts: GROUPING SETS on the country and the court."""
    unnest = ""
    columns = []
    for column in CUBE_COLUMNS:
        dim = DIMENSIONS[column]
        if column in multi:
            unnest += f" CROSS JOIN LATERAL unnest(f.{dim.fact_column}) AS m_{column}(value)"
            columns.append(f"m_{column}.value")
        elif column in ("country", "location"):
            # NULL where the grouping set leaves the column out: the placeholder instead.
            columns.append(f"COALESCE(f.{dim.fact_column}, '')")
        elif column in _ALWAYS:
            columns.append(f"f.{dim.fact_column}")
        else:
            columns.append("''" if dim.text else "0")
    grouped = [f"f.{DIMENSIONS[c].fact_column}" for c in sorted(_ALWAYS)]
    grouped += [f"m_{c}.value" for c in sorted(multi)]
    # GROUPING(country, location): 1 bits for the columns left out of the grouping set.
    which = " ".join(
        f"WHEN {(('country' not in places) << 1) | ('location' not in places)} "
        f"THEN {grouping_of(_ALWAYS | places | multi)}"
        for places in _PLACES
    )
    return (
        # Identifiers and numbers from this module only; values go as parameters.
        f"SELECT CASE GROUPING(f.country, f.location) {which} END, "  # noqa: S608
        f"{', '.join(columns)}, {sign} * count(*) "
        f"FROM insights_outcomefact f{unnest} {where} "
        f"GROUP BY {', '.join(grouped)}, "
        "GROUPING SETS ((), (f.country), (f.location), (f.country, f.location))"
    )


def _select_adjudicators(where: str, sign: str) -> str:
    columns = [
        f"f.{DIMENSIONS[c].fact_column}"
        if c in ADJUDICATOR_SET
        else ("''" if DIMENSIONS[c].text else "0")
        for c in CUBE_COLUMNS
    ]
    grouped = [f"f.{DIMENSIONS[c].fact_column}" for c in sorted(ADJUDICATOR_SET)]
    return (
        f"SELECT {grouping_of(ADJUDICATOR_SET)}, {', '.join(columns)}, {sign} * count(*) "  # noqa: S608
        f"FROM insights_outcomefact f {where} GROUP BY {', '.join(grouped)}"
    )


def _selects(where: str, sign: str) -> list[str]:
    return [_select_for(multi, where, sign) for multi in _MULTI_COMBINATIONS] + [
        _select_adjudicators(where, sign)
    ]


def _insert(selects: list[str], *, add: bool = True) -> str:
    columns = ", ".join(["grouping", *CUBE_COLUMNS, "outcomes"])
    insert = f"INSERT INTO insights_outcomecube ({columns}) {' UNION ALL '.join(selects)}"
    if not add:
        # Into an empty table: each row comes from one grouping set of one part, once.
        return insert
    return (
        f"{insert} ON CONFLICT ON CONSTRAINT cube_one_row_per_group "
        "DO UPDATE SET outcomes = insights_outcomecube.outcomes + EXCLUDED.outcomes"
    )


def cube_apply(outcome_ids: Sequence[int], sign: int) -> None:
    """Add (+1) or take away (-1) these facts' counts. Call inside the writing transaction."""
    if not outcome_ids:
        return
    if sign not in (1, -1):
        raise ValueError("sign is +1 or -1")
    selects = _selects("WHERE f.outcome_id = ANY(%s)", str(sign))
    with connection.cursor() as cursor:
        # The same id list once per statement part (each reads the facts once).
        cursor.execute(_insert(selects), [list(outcome_ids)] * len(selects))
        if sign < 0:
            # Found through a partial index of the empty rows, not a scan of the table.
            cursor.execute("DELETE FROM insights_outcomecube WHERE outcomes = 0")


def cube_rebuild() -> None:
    """Count every fact again from scratch (after a bulk load, or when the sets change)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM insights_outcomecube")
        cursor.execute(_insert(_selects("", "1"), add=False))
