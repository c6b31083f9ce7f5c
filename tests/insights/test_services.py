"""The fact and summary tables follow the outcomes: reported, edited case, deleted case."""

import datetime

import pytest
from django.db import connection

from cases.services import case_update
from insights.cube import cube_for, grouping_of
from insights.dimensions import DIMENSIONS, LEVEL_CODES
from insights.models import OutcomeCube, OutcomeFact, Result
from insights.services import facts_rebuild
from outcomes.services import outcome_create
from taxonomy.models import PersecutionType, ProtectionType
from tests.cases.factories import CaseFactory
from tests.insights.helpers import report

pytestmark = pytest.mark.django_db


def _cube_totals(dims):
    """{group values: count} read from the summary table for the set covering `dims`."""
    cube = cube_for(dims)
    columns = [DIMENSIONS[d].cube_column for d in dims]
    rows = OutcomeCube.objects.filter(grouping=grouping_of(cube)).values_list(*columns).order_by()
    totals = {}
    for values, n in zip(
        rows,
        OutcomeCube.objects.filter(grouping=grouping_of(cube)).values_list("outcomes", flat=True),
        strict=True,
    ):
        totals[values] = totals.get(values, 0) + n
    return {k: v for k, v in totals.items() if v}


def _fact_totals(dim):
    column = DIMENSIONS[dim].fact_column
    expr = f"unnest({column})" if DIMENSIONS[dim].multi_valued else column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expr}, count(*) FROM insights_outcomefact GROUP BY 1")  # noqa: S608
        return {(value,): n for value, n in cursor.fetchall()}


def test_reporting_an_outcome_counts_it_at_once(taxonomy_terms):
    case = CaseFactory(country_of_origin="HN")
    reported = outcome_create(
        case=case,
        reporter=case.attorney,
        decided_on=datetime.date(2026, 6, 3),
        adjudicator_level="immigration_judge",
        decision="granted_withholding",
        location="  Houston   Immigration Court ",
        adjudicator_name="Judge  Rivera",
        denial_reasons=[],
    )
    fact = OutcomeFact.objects.get(pk=reported.outcome.pk)
    assert fact.country == "HN"
    assert fact.year == 2026
    assert fact.result == Result.GRANTED_WITHHOLDING
    assert fact.adjudicator_level == LEVEL_CODES["immigration_judge"]
    assert fact.location == "Houston Immigration Court"
    assert fact.adjudicator == "Judge Rivera"
    assert fact.persecution_types == [case.persecution_types.get().pk]
    assert _cube_totals(["country"]) == {("HN",): 1}


def test_editing_the_case_moves_its_outcomes(taxonomy_terms):
    case = report(3, country="GT", decision="denied", denial_reasons=["nexus", "credibility"])
    gang = PersecutionType.objects.get(slug="gang-violence")
    case_update(
        case=case,
        editor=case.attorney,
        country_of_origin="SV",
        persecution_types=[gang],
        protection_types=list(ProtectionType.objects.all()),
        procedural_stage=case.procedural_stage,
        detention_status=case.detention_status,
    )
    assert set(OutcomeFact.objects.values_list("country", flat=True)) == {"SV"}
    assert _cube_totals(["country"]) == {("SV",): 3}
    assert _cube_totals(["persecution_type"]) == {(gang.pk,): 3}
    assert _cube_totals(["protection_type"]) == {
        (pk,): 3 for pk in ProtectionType.objects.values_list("pk", flat=True)
    }


def test_deleting_a_case_removes_its_facts(taxonomy_terms):
    case = report(2)
    case.delete()
    assert not OutcomeFact.objects.exists()


@pytest.mark.parametrize("dim", list(DIMENSIONS))
def test_the_summary_agrees_with_the_facts(dim, taxonomy_terms):
    report(4, country="GT", decision="denied", denial_reasons=["nexus", "relocation"])
    report(3, country="HN", decision="granted_asylum", year=2024, adjudicator_name="J. Doe")
    report(
        2,
        country="MX",
        decision="withdrawn",
        adjudicator_level="asylum_office",
        location="Newark Asylum Office",
    )
    assert _cube_totals([dim]) == _fact_totals(dim)


def test_rebuild_is_idempotent(taxonomy_terms):
    report(5)
    before = sorted(OutcomeCube.objects.values_list("grouping", "country", "outcomes"))
    facts_rebuild()
    assert sorted(OutcomeCube.objects.values_list("grouping", "country", "outcomes")) == before
