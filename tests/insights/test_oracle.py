"""The summary sets give the page exactly the numbers the facts give.

The oracle counts the fact rows here in Python (one outcome once per value of a multi-valued
dimension it is grouped by, and only when every filter matches), independently of both SQL
paths; the page's table is then compared with the oracle's counts and with what
`suppress_table` makes of them. The data is generated and counted through `facts_refresh`
(the path every report and case edit takes), then edited, so the +1/-1 updates are checked
as well as the counts.
"""

import datetime
import itertools

import pytest
from django.http import QueryDict
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Case
from cases.services import case_update
from devtools.synthetic_outcomes import generate_outcomes
from insights.cube import cube_for
from insights.dimensions import DENIAL_REASON_CODES, DIMENSIONS, LEVEL_CODES
from insights.forms import COLUMN_KEYS, FILTER_KEYS, ROW_KEYS, parse_choices
from insights.models import RELIEF_RESULTS, OutcomeFact
from insights.selectors import InsightsQuery, count_table, insights_table, table_from_counts
from insights.services import facts_refresh
from insights.suppression import suppress_table
from outcomes.services import outcome_create
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType
from tests.factories import AttorneyFactory

pytestmark = pytest.mark.django_db

# URL value for each stored code (the page's filters are chosen by URL value).
_LEVEL_VALUES = {code: value for value, code in LEVEL_CODES.items()}
_REASON_VALUES = {code: value for value, code in DENIAL_REASON_CODES.items()}


@pytest.fixture
def facts(taxonomy_terms):
    """~1,200 generated outcomes counted case by case, then edited: returns the fact rows."""
    attorney = AttorneyFactory()
    stage = ProceduralStage.objects.order_by("position").first()
    case_ids = generate_outcomes(
        attorney_id=attorney.pk, stage_id=stage.pk, outcomes=1200, cases=120, seed=0.42
    )
    facts_refresh(case_ids=case_ids)
    cases = list(Case.objects.filter(pk__in=case_ids[:6]).order_by("pk"))
    types = list(PersecutionType.objects.order_by("pk"))
    for n, case in enumerate(cases[:4]):
        # Case edits move every outcome of the case (country, types): -1 then +1.
        case_update(
            case=case,
            editor=case.attorney,
            country_of_origin=["SV", "CU", "GT", "HN"][n],
            persecution_types=types[n : n + 1 + n % 2],
            protection_types=list(ProtectionType.objects.order_by("pk")[: n % 3]),
            procedural_stage=case.procedural_stage,
            detention_status=case.detention_status,
        )
    for n, case in enumerate(cases[4:]):
        # New reports: one without a court, one denied for two reasons.
        outcome_create(
            case=case,
            reporter=case.attorney,
            decided_on=datetime.date(2024, 3, 1 + n),
            adjudicator_level="immigration_judge" if n else "asylum_office",
            decision="denied",
            location="" if n else "Chicago Asylum Office",
            adjudicator_name="",
            denial_reasons=["nexus", "credibility"] if n else ["one_year_bar"],
        )
    facts = list(OutcomeFact.objects.all())
    # The multi-valued dimensions really are multi-valued (else the oracle proves little).
    assert any(len(fact.persecution_types) > 1 for fact in facts)
    assert len({tuple(fact.protection_types) for fact in facts}) > 3
    assert any(len(fact.denial_reasons) > 1 for fact in facts)
    return facts


def _values(fact: OutcomeFact, key: str) -> list:
    value = getattr(fact, DIMENSIONS[key].fact_column)
    return list(value) if DIMENSIONS[key].multi_valued else [value]


def _oracle(facts: list[OutcomeFact], query) -> list[tuple]:
    """(row, column, count) by counting the facts. A filter on the dimension shown as rows or
    columns keeps that row or column only (as a pivot table does), also for a multi-valued
    one: persecution types filtered to gang violence show the gang violence row, not the
    other types of those cases."""
    counts: dict[tuple, int] = {}
    for fact in facts:
        if any(value not in _values(fact, key) for key, value in query.filters.items()):
            continue
        for r, c in itertools.product(_values(fact, query.rows), _values(fact, query.columns)):
            if query.filters.get(query.rows, r) != r or query.filters.get(query.columns, c) != c:
                continue
            counts[(r, c)] = counts.get((r, c), 0) + 1
    return [(r, c, n) for (r, c), n in counts.items()]


def _url_value(key: str, fact: OutcomeFact) -> str:
    value = _values(fact, key)[0] if _values(fact, key) else None
    if value is None:
        return ""
    if key == "adjudicator_level":
        return _LEVEL_VALUES[value]
    if key == "denial_reason":
        return _REASON_VALUES[value]
    return str(value)


def _query_dict(params: dict) -> QueryDict:
    return QueryDict(urlencode(params))


@st.composite
def page_choices(draw, facts):
    """What a user can pick on the page: rows, columns and any filters, with values taken
    from one reported outcome (so most combinations match something) or left empty."""
    params = {
        "rows": draw(st.sampled_from(ROW_KEYS)),
        "columns": draw(st.sampled_from(COLUMN_KEYS)),
    }
    like = draw(st.sampled_from(facts))
    for key in draw(st.sets(st.sampled_from(FILTER_KEYS), max_size=len(FILTER_KEYS))):
        params[key] = _url_value(key, like) or "2019"
    return params


def test_the_page_numbers_from_the_summary_equal_the_facts(facts):
    @settings(
        max_examples=250,
        deadline=None,
        # The facts are read, never written, by the examples.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(params=page_choices(facts))
    def check(params):
        query = parse_choices(_query_dict(params)).query
        # Every table the page can ask for is answered by a summary set, not the facts.
        assert cube_for({query.rows, query.columns, *query.filters}) is not None
        expected = table_from_counts(_oracle(facts, query), query)
        got = count_table(query)
        assert (got.row_keys, got.col_keys, got.counts) == (
            expected.row_keys,
            expected.col_keys,
            expected.counts,
        ), params
        shown = insights_table(query).shown
        relief = [j for j, k in enumerate(expected.col_keys) if k in RELIEF_RESULTS]
        assert shown == suppress_table(
            expected.counts, relief_columns=relief if query.columns == "result" else ()
        )

    check()


def test_every_table_the_page_allows_has_a_summary_set():
    """All rows x columns x filter combinations the page accepts (values do not matter)."""
    sample = {
        "country": "GT",
        "persecution_type": "1",
        "protection_type": "1",
        "adjudicator_level": "immigration_judge",
        "location": "Houston Immigration Court",
        "year": "2024",
        "result": "4",
        "denial_reason": "nexus",
    }
    for rows, columns in itertools.product(ROW_KEYS, COLUMN_KEYS):
        for size in range(len(FILTER_KEYS) + 1):
            for chosen in itertools.combinations(FILTER_KEYS, size):
                params = {"rows": rows, "columns": columns} | {k: sample[k] for k in chosen}
                query = parse_choices(_query_dict(params)).query
                used = {query.rows, query.columns, *query.filters}
                assert cube_for(used) is not None, used


def test_a_table_outside_the_summary_sets_is_counted_from_the_facts_alike(facts):
    """Queries the page never makes (an adjudicator beside other dimensions) fall back to
    counting the facts; the numbers follow the same rules."""
    like = next(f for f in facts if len(f.persecution_types) > 1 and f.denial_reasons)
    for query in [
        InsightsQuery("adjudicator", "persecution_type", {"country": like.country}),
        InsightsQuery(
            "adjudicator",
            "persecution_type",
            {"persecution_type": like.persecution_types[0], "location": like.location},
        ),
        InsightsQuery("persecution_type", "denial_reason", {"adjudicator": like.adjudicator}),
    ]:
        assert cube_for({query.rows, query.columns, *query.filters}) is None
        expected = table_from_counts(_oracle(facts, query), query)
        got = count_table(query)
        assert (got.row_keys, got.col_keys, got.counts) == (
            expected.row_keys,
            expected.col_keys,
            expected.counts,
        ), query
