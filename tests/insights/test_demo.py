"""The demo data gives insights real patterns and real suppression; loading twice adds none."""

import pytest
from django.urls import reverse

import devtools.demo
import devtools.demo.insights
from insights.models import OutcomeFact
from insights.selectors import InsightsQuery, insights_table

pytestmark = pytest.mark.django_db


def _load():
    devtools.demo.load("taxonomy", "accounts", "cases", "outcomes", "insights")


def test_demo_outcomes_load_once_and_show_and_hide(staff_client):
    _load()
    facts = OutcomeFact.objects.count()
    assert facts >= devtools.demo.insights.DEMO_OUTCOMES
    _load()
    assert OutcomeFact.objects.count() == facts
    for rows, columns in [
        ("country", "result"),
        ("country", "year"),
        ("persecution_type", "year"),
        ("location", "denial_reason"),
    ]:
        table = insights_table(InsightsQuery(rows=rows, columns=columns))
        figures = [v for row in table.shown.cells for v in row]
        assert any(v is None for v in figures), (rows, columns)
        assert any(v for v in figures), (rows, columns)
    adjudicators = insights_table(InsightsQuery(rows="adjudicator", columns="year"))
    assert len(adjudicators.row_labels) >= 2  # named ones and "Other adjudicators"
    assert staff_client.get(reverse("insights:staff")).status_code == 200
