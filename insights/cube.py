"""The summary table: which dimension sets are pre-counted, and the SQL that keeps it.

Each set is one `GROUP BY` over the facts (a multi-valued dimension unnested), stored under
its own `grouping` number. A page whose dimensions and filters all fall inside one set reads
that set's rows (a few thousand at most) instead of the facts. The same statement builds the
table from scratch and applies one change (+1 / -1 per fact), so there is one definition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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

# The pre-counted sets, smallest first (a query uses the first that covers it). A set with two
# multi-valued dimensions counts an outcome once per pair of values, as a table of the two
# does. Sizes are for a million synthetic outcomes (`bench_insights` prints them).
_WHEN = frozenset({"year", "result"})
CUBES: list[frozenset[str]] = [
    frozenset({"country", "adjudicator_level"}) | _WHEN,
    frozenset({"protection_type", "country", "adjudicator_level"}) | _WHEN,
    frozenset({"location", "protection_type"}) | _WHEN,
    frozenset({"protection_type", "denial_reason"}) | _WHEN,
    frozenset({"location", "adjudicator", "adjudicator_level"}) | _WHEN,
    frozenset({"persecution_type", "country", "adjudicator_level"}) | _WHEN,
    frozenset({"persecution_type", "denial_reason"}) | _WHEN,
    frozenset({"denial_reason", "country", "adjudicator_level"}) | _WHEN,
    frozenset({"location", "persecution_type"}) | _WHEN,
    frozenset({"location", "denial_reason"}) | _WHEN,
    frozenset({"location", "country", "adjudicator_level"}) | _WHEN,
    frozenset({"persecution_type", "protection_type", "country"}) | _WHEN,
]


def grouping_of(dims: frozenset[str]) -> int:
    """The set's number, as PostgreSQL's GROUPING() would give it (1 bits = not grouped)."""
    return sum(
        1 << (len(CUBE_COLUMNS) - 1 - k) for k, c in enumerate(CUBE_COLUMNS) if c not in dims
    )


def cube_for(dims: Iterable[str]) -> frozenset[str] | None:
    needed = set(dims)
    return next((cube for cube in CUBES if needed <= cube), None)


def _select_for(cube: frozenset[str], where: str, sign: str) -> str:
    unnest = ""
    columns, grouped = [], []
    for column in CUBE_COLUMNS:
        dim = DIMENSIONS[column]
        if column not in cube:
            columns.append("''" if dim.text else "0")
            continue
        if dim.multi_valued:
            unnest += f" CROSS JOIN LATERAL unnest(f.{dim.fact_column}) AS m_{column}(value)"
            columns.append(f"m_{column}.value")
        else:
            columns.append(f"f.{dim.fact_column}")
        grouped.append(columns[-1])
    return (
        # Identifiers and numbers from this module only; values go as parameters.
        f"SELECT {grouping_of(cube)}, {', '.join(columns)}, {sign} * count(*) "  # noqa: S608
        f"FROM insights_outcomefact f{unnest} {where} GROUP BY {', '.join(grouped)}"
    )


def _insert(where: str, sign: str) -> str:
    selects = " UNION ALL ".join(_select_for(cube, where, sign) for cube in CUBES)
    columns = ", ".join(["grouping", *CUBE_COLUMNS, "outcomes"])
    return (
        f"INSERT INTO insights_outcomecube ({columns}) {selects} "
        "ON CONFLICT ON CONSTRAINT cube_one_row_per_group "
        "DO UPDATE SET outcomes = insights_outcomecube.outcomes + EXCLUDED.outcomes"
    )


def cube_apply(outcome_ids: Sequence[int], sign: int) -> None:
    """Add (+1) or take away (-1) these facts' counts. Call inside the writing transaction."""
    if not outcome_ids:
        return
    if sign not in (1, -1):
        raise ValueError("sign is +1 or -1")
    with connection.cursor() as cursor:
        # The same id list once per summary set (each set is one SELECT of the statement).
        cursor.execute(
            _insert("WHERE f.outcome_id = ANY(%s)", str(sign)), [list(outcome_ids)] * len(CUBES)
        )
        if sign < 0:
            cursor.execute("DELETE FROM insights_outcomecube WHERE outcomes = 0")


def cube_rebuild() -> None:
    """Count every fact again from scratch (after a bulk load)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM insights_outcomecube")
        cursor.execute(_insert("", "1"))
