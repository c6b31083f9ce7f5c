"""Keeping the insight tables in step with outcomes and cases.

The services that write outcomes (`outcomes.services.outcome_create`) and edit cases
(`cases.services.case_update`) call `facts_refresh` in their own transaction, through
`cases.extensions.case_counts_changed` (registered in InsightsConfig.ready, so neither app
imports insights), so a page never shows counts that disagree with the outcomes reported.
Facts are made in SQL from the outcome and its case, one statement for one case or for a
million.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from insights.cube import cube_apply, cube_rebuild
from insights.dimensions import DENIAL_REASON_CODES, LEVEL_CODES, RESULT_FOR_DECISION
from insights.models import OutcomeFact, Result


def _case_sql(column: str, mapping: dict, default: int) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {int(code)}" for value, code in mapping.items())
    return f"(CASE {column} {whens} ELSE {int(default)} END)"


def _denial_codes_sql() -> str:
    whens = " ".join(f"WHEN '{value}' THEN {code}" for value, code in DENIAL_REASON_CODES.items())
    return (
        "COALESCE(ARRAY(SELECT DISTINCT (CASE r "  # noqa: S608 (our own choice values)
        f"{whens} END)::smallint FROM unnest(o.denial_reasons) AS r "
        f"WHERE r IN ({', '.join(repr(v) for v in DENIAL_REASON_CODES)}) ORDER BY 1), "
        "'{}')"
    )


def _facts_insert_sql(where: str) -> str:
    # Names and places: surrounding and repeated spaces dropped, so one court groups together.
    # Built from the choice values in outcomes.models only; ids go as parameters.
    return f"""
        INSERT INTO insights_outcomefact (
            outcome_id, case_id, country, persecution_types, protection_types,
            adjudicator_level, location, adjudicator, year, result, denial_reasons
        )
        SELECT
            o.id, o.case_id, c.country_of_origin,
            COALESCE((SELECT array_agg(p.persecutiontype_id::smallint ORDER BY 1)
                      FROM cases_case_persecution_types p WHERE p.case_id = c.id), '{{}}'),
            COALESCE((SELECT array_agg(p.protectiontype_id::smallint ORDER BY 1)
                      FROM cases_case_protection_types p WHERE p.case_id = c.id), '{{}}'),
            {_case_sql("o.adjudicator_level", LEVEL_CODES, 0)},
            left(regexp_replace(btrim(o.location), '\\s+', ' ', 'g'), 120),
            left(regexp_replace(btrim(o.adjudicator_name), '\\s+', ' ', 'g'), 120),
            extract(year FROM o.decided_on)::smallint,
            {_case_sql("o.decision", RESULT_FOR_DECISION, Result.OTHER)},
            {_denial_codes_sql()}
        FROM outcomes_outcome o JOIN cases_case c ON c.id = o.case_id
        {where}
    """  # noqa: S608


def facts_refresh(*, case_ids: Iterable[int]) -> None:
    """Make these cases' outcome facts (and their summary counts) match the outcomes now."""
    case_ids = sorted(set(case_ids))
    if not case_ids:
        return
    with transaction.atomic():
        old = list(OutcomeFact.objects.filter(case_id__in=case_ids).values_list("pk", flat=True))
        cube_apply(old, -1)
        OutcomeFact.objects.filter(case_id__in=case_ids).delete()
        with connection.cursor() as cursor:
            cursor.execute(
                _facts_insert_sql("WHERE o.case_id = ANY(%s)") + " RETURNING outcome_id",
                [case_ids],
            )
            new = [row[0] for row in cursor.fetchall()]
        cube_apply(new, +1)


def facts_rebuild() -> int:
    """Make every fact and count again from the outcomes (a backfill or a bulk load)."""
    with transaction.atomic():
        OutcomeFact.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(_facts_insert_sql(""))
            made = cursor.rowcount
        cube_rebuild()
    return made
