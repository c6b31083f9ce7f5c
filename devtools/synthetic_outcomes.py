"""Synthetic reported outcomes, made in SQL: the demo's few thousand and the benchmark's
million. Patterns are deliberate (countries and types skewed as CGRS's caseload is, grant
rates that vary by adjudicator) so the pages show real trends and real suppression.

Never under production settings: the callers (the demo loader, `bench_insights`) check.
"""

from __future__ import annotations

from django.db import connection, transaction

from insights.services import facts_rebuild, facts_refresh
from outcomes.models import DenialReason

# Most common first: the generator picks early entries more often.
COUNTRIES = [
    "GT", "HN", "SV", "MX", "VE", "CN", "IN", "CO", "NI", "CU", "HT", "EC", "RU", "AF", "CM",
    "ER", "ET", "NG", "PK", "BD", "TR", "IR", "UZ", "GN", "SN", "MR", "CD", "UA", "PE", "KG",
]  # fmt: skip
IMMIGRATION_COURTS = [
    "Houston Immigration Court", "San Francisco Immigration Court",
    "New York Broadway Immigration Court",
    "Los Angeles Immigration Court", "Miami Immigration Court", "Chicago Immigration Court",
    "Arlington Immigration Court", "Newark Immigration Court", "Dallas Immigration Court",
    "Atlanta Immigration Court", "Boston Immigration Court", "Denver Immigration Court",
    "El Paso Immigration Court", "San Antonio Immigration Court", "Seattle Immigration Court",
    "Phoenix Immigration Court", "Charlotte Immigration Court", "Baltimore Immigration Court",
    "Harlingen Immigration Court", "Orlando Immigration Court", "Philadelphia Immigration Court",
    "Memphis Immigration Court", "Kansas City Immigration Court", "Omaha Immigration Court",
    "Portland Immigration Court", "Salt Lake City Immigration Court", "Las Vegas Immigration Court",
    "Detroit Immigration Court", "Cleveland Immigration Court", "New Orleans Immigration Court",
    "Honolulu Immigration Court", "Hartford Immigration Court", "Sacramento Immigration Court",
    "San Diego Immigration Court", "Tucson Immigration Court", "Imperial Immigration Court",
    "Oakdale Immigration Court", "Adelanto Immigration Court", "Otay Mesa Immigration Court",
    "Conroe Immigration Court",
]  # fmt: skip
ASYLUM_OFFICES = [
    "Arlington Asylum Office", "Chicago Asylum Office", "Houston Asylum Office",
    "Los Angeles Asylum Office", "Miami Asylum Office", "Newark Asylum Office",
    "New York Asylum Office", "San Francisco Asylum Office",
]  # fmt: skip
SURNAMES = [
    "Abbott", "Baker", "Castillo", "Dawson", "Ellis", "Fuentes", "Garner", "Hughes", "Ibarra",
    "Jensen", "Keller", "Lowry", "Medina", "Nolan", "Ortega", "Pruitt", "Quinn", "Reyes",
    "Sloan", "Tanner", "Underwood", "Vance", "Whitaker", "Yates", "Zamora", "Archer", "Brennan",
    "Calloway", "Delgado", "Everett", "Fairbanks", "Grady", "Holloway", "Irving", "Jarvis",
    "Kimura", "Langley", "Mercer", "Navarro", "Osborne", "Pham", "Rowe", "Serrano", "Thorne",
    "Vasquez", "Winslow", "Young", "Ziegler",
]  # fmt: skip
# Adjudicators per immigration court.
JUDGES_PER_COURT = 6

_OUTCOMES_SQL = """
WITH cs AS (SELECT array_agg(id ORDER BY id) AS ids FROM cases_case WHERE id = ANY(%(case_ids)s)),
draw AS (
    SELECT i, random() AS r_case, random() AS r_date, random() AS r_court, random() AS r_judge,
           random() AS r_level, random() AS r_decision, random() AS r_kind, random() AS r_reason
    FROM generate_series(1, %(n)s) AS i
),
pick AS (
    SELECT d.*, cs.ids[1 + floor(d.r_case * array_length(cs.ids, 1))::int] AS case_id,
           floor(power(d.r_court, 1.5) * %(n_courts)s)::int AS court,
           floor(power(d.r_judge, 3) * %(judges)s)::int AS judge,
           CASE WHEN d.r_level < 0.18 THEN 'asylum_office'
                WHEN d.r_level < 0.25 THEN 'bia'
                WHEN d.r_level < 0.27 THEN 'circuit_court'
                ELSE 'immigration_judge' END AS level
    FROM draw d, cs
),
decided AS (
    SELECT p.*,
           CASE WHEN p.level = 'immigration_judge'
                THEN 0.08 + 0.62 * (((p.court * %(judges)s + p.judge) * 37) %% 100) / 100.0
                ELSE 0.3 END AS grant_rate
    FROM pick p
)
INSERT INTO outcomes_outcome (
    case_id, decided_on, adjudicator_level, location, adjudicator_name, decision, grounds,
    psg_formulations, denial_reasons, denial_reasons_text, appeal, notes, reported_by_id,
    created_at
)
SELECT
    case_id,
    date '2016-01-01' + floor(power(r_date, 0.7) * 3650)::int,
    level,
    CASE level
        WHEN 'asylum_office' THEN (%(offices)s::text[])[1 + (court %% %(n_offices)s)]
        WHEN 'bia' THEN 'Board of Immigration Appeals'
        WHEN 'circuit_court' THEN (ARRAY['Fifth Circuit', 'Ninth Circuit', 'Second Circuit'])[1 + court %% 3]
        ELSE (%(courts)s::text[])[1 + court] END,
    CASE WHEN level = 'immigration_judge'
         THEN 'Judge ' || (%(surnames)s::text[])[1 + (court * %(judges)s + judge) %% %(n_surnames)s]
              || ' (' || split_part((%(courts)s::text[])[1 + court], ' Immigration', 1) || ')'
         ELSE '' END,
    CASE WHEN r_decision < grant_rate THEN
              (CASE WHEN r_kind < 0.6 THEN 'granted_asylum'
                    WHEN r_kind < 0.9 THEN 'granted_withholding' ELSE 'granted_cat' END)
         WHEN r_decision < grant_rate + 0.1 THEN
              (ARRAY['dismissed', 'remanded', 'administratively_closed', 'withdrawn'])[1 + floor(r_kind * 4)::int]
         ELSE 'denied' END,
    '{}', '{}',
    CASE WHEN r_decision >= grant_rate + 0.1 THEN
         ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[
             (%(reasons)s::text[])[1 + floor(power(r_kind, 1.4) * %(n_reasons)s)::int],
             (%(reasons)s::text[])[1 + floor(r_reason * %(n_reasons)s)::int]
         ]) AS x WHERE r_reason < 0.5 OR x = (%(reasons)s::text[])[1 + floor(power(r_kind, 1.4) * %(n_reasons)s)::int])
         ELSE '{}' END,
    '', '', '', NULL, now()
FROM decided
"""  # noqa: E501 (SQL reads better unwrapped)


def generate_outcomes(
    *, attorney_id: int, stage_id: int, outcomes: int, cases: int, seed: float = 0.18
) -> list[int]:
    """Insert `cases` synthetic cases (random free case numbers) and `outcomes` outcomes
    spread over them; returns the case ids. Facts are not made here (see callers)."""
    reasons = list(DenialReason.values)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [seed])
        cursor.execute(
            """
            WITH free AS (
                SELECT n FROM generate_series(10000, 99999) AS n
                WHERE NOT EXISTS (SELECT 1 FROM cases_case c WHERE c.number = n)
                ORDER BY random() LIMIT %(cases)s
            )
            INSERT INTO cases_case (
                number, attorney_id, country_of_origin, procedural_stage_id, detention_status,
                client_gender, age_group_at_harm, outcome_rendered, notes, created_at, updated_at
            )
            SELECT n, %(attorney)s,
                   (%(countries)s::text[])[1 + floor(power(random(), 2.2) * %(n_countries)s)::int],
                   %(stage)s, 'unknown', '', '', true, '', now(), now()
            FROM free
            RETURNING id
            """,
            {
                "cases": cases,
                "attorney": attorney_id,
                "countries": COUNTRIES,
                "n_countries": len(COUNTRIES),
                "stage": stage_id,
            },
        )
        case_ids = [row[0] for row in cursor.fetchall()]
        # Draws in a materialised table of their own, one per case and pick: a condition on
        # random() alone in a join is evaluated once for all cases, not once per case.
        cursor.execute(
            """
            CREATE TEMPORARY TABLE case_draw AS
            SELECT c.id, k, random() AS r_type, random() AS r_more, random() AS r_asylum,
                   random() AS r_withholding, random() AS r_cat
            FROM cases_case c CROSS JOIN generate_series(1, 2) AS k
            WHERE c.id = ANY(%(ids)s)
            """,
            {"ids": case_ids},
        )
        cursor.execute(
            """
            INSERT INTO cases_case_persecution_types (case_id, persecutiontype_id)
            SELECT DISTINCT d.id,
                   t.ids[1 + floor(power(d.r_type, 1.6) * array_length(t.ids, 1))::int]
            FROM case_draw d
            CROSS JOIN (SELECT array_agg(id ORDER BY position, name) AS ids
                        FROM taxonomy_persecutiontype) AS t
            WHERE d.k = 1 OR d.r_more < 0.35
            """
        )
        cursor.execute(
            """
            INSERT INTO cases_case_protection_types (case_id, protectiontype_id)
            SELECT d.id, p.id FROM case_draw d JOIN taxonomy_protectiontype p
              ON (p.slug = 'asylum' AND d.r_asylum < 0.95)
              OR (p.slug = 'withholding' AND d.r_withholding < 0.7)
              OR (p.slug = 'cat' AND d.r_cat < 0.4)
            WHERE d.k = 1
            """
        )
        cursor.execute("DROP TABLE case_draw")
        cursor.execute(
            _OUTCOMES_SQL,
            {
                "case_ids": case_ids,
                "n": outcomes,
                "n_courts": len(IMMIGRATION_COURTS),
                "courts": IMMIGRATION_COURTS,
                "offices": ASYLUM_OFFICES,
                "n_offices": len(ASYLUM_OFFICES),
                "judges": JUDGES_PER_COURT,
                "surnames": SURNAMES,
                "n_surnames": len(SURNAMES),
                "reasons": reasons,
                "n_reasons": len(reasons),
            },
        )
    return case_ids


def count_generated(*, case_ids: list[int], everything: bool = False) -> None:
    """Make the facts for generated cases: all at once after a bulk load, else these cases."""
    if everything:
        facts_rebuild()
    else:
        facts_refresh(case_ids=case_ids)
