"""The case record's "outcomes reported for similar cases" panel, suppressed like the rest."""

import pytest
from django.urls import reverse

from insights.services import facts_rebuild
from taxonomy.models import PersecutionType
from tests.cases.factories import CaseFactory
from tests.insights.helpers import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_case(users, taxonomy_terms):
    case = CaseFactory(attorney=users["attorney"], country_of_origin="GT")
    report(
        1,
        case=case,
        location="Houston Immigration Court",
        adjudicator_name="Judge Many",
        rebuild=False,
    )
    return case


def _panels(client, case):
    response = client.get(reverse("cases:detail", args=[case.number]))
    assert response.status_code == 200
    return {panel.key: panel for panel in response.context["similar"]}, response.content.decode()


def test_panel_counts_similar_cases_and_hides_small_ones(client_for, own_case):
    report(
        40,
        country="GT",
        decision="denied",
        year=2025,
        adjudicator_name="Judge Many",
        location="Houston Immigration Court",
        rebuild=False,
    )
    report(30, country="GT", decision="granted_asylum", year=2025, rebuild=False)
    report(
        70,
        country="GT",
        decision="denied",
        year=2024,
        adjudicator_name="Judge Many",
        location="Houston Immigration Court",
        rebuild=False,
    )
    # Another country and type: not similar.
    gang = PersecutionType.objects.get(slug="gang-violence")
    report(50, country="HN", decision="denied", persecution_types=[gang], rebuild=False)
    report(4, country="GT", decision="granted_cat", year=2025)
    panels, html = _panels(client_for("attorney"), own_case)
    type_table = panels["type"].table
    (row,) = type_table.rows
    assert row["label"] == "Domestic violence"
    # 1 (own) + 40 + 70 denied = 111; 30 asylum; CAT 4 hidden.
    assert row["cells"][type_table.col_labels.index("Denied")] == 111
    assert row["cells"][type_table.col_labels.index("Granted CAT")] is None
    court = panels["court"].table
    years = {r["label"]: r for r in court.rows}
    assert years["2024"]["total"] == 70
    adjudicator = panels["adjudicator"].table
    assert adjudicator is not None  # 111 decisions: Judge Many may be named
    assert "Outcomes reported for similar cases" in html


def test_an_adjudicator_under_100_decisions_is_not_shown(client_for, own_case):
    report(50, country="GT", adjudicator_name="Judge Many", location="Houston Immigration Court")
    panels, html = _panels(client_for("attorney"), own_case)
    assert panels["adjudicator"].table is None
    assert "Fewer than 100 decisions" in html


def test_a_case_without_outcomes_gets_the_type_panel_only(client_for, users, taxonomy_terms):
    case = CaseFactory(attorney=users["attorney"], country_of_origin="GT")
    report(30, country="GT", decision="denied")
    facts_rebuild()
    panels, html = _panels(client_for("attorney"), case)
    assert panels["type"].table.shown.grand_total == 30
    assert panels["court"].table is None and panels["adjudicator"].table is None
    assert "Report an outcome on this case" in html
