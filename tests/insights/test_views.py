"""The insights pages and CSV: what staff and attorneys see, suppression as shown, bad input."""

import csv
import io

import pytest
from django.urls import reverse

from tests.cases.factories import CaseFactory
from tests.insights.helpers import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcomes(taxonomy_terms):
    """Guatemala: 40 denied + 30 granted asylum (2025); Honduras: 4 denied (small) + 50
    granted withholding (2024) + 25 denied (2025); Mexico: 12 granted asylum."""
    report(40, country="GT", decision="denied", year=2025, rebuild=False)
    report(30, country="GT", decision="granted_asylum", year=2025, rebuild=False)
    report(4, country="HN", decision="denied", year=2024, rebuild=False)
    report(50, country="HN", decision="granted_withholding", year=2024, rebuild=False)
    report(25, country="HN", decision="denied", year=2025, rebuild=False)
    report(12, country="MX", decision="granted_asylum", year=2025)


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_staff_see_counts_rates_and_hidden_cells(staff_client, outcomes):
    response = staff_client.get(reverse("insights:staff"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Guatemala" in html and "Honduras" in html
    table = response.context["table"]
    rows = {row["label"]: row for row in table.rows}
    assert rows["Guatemala"]["total"] == 70
    assert rows["Guatemala"]["rate"] == pytest.approx(30 / 70)
    # Honduras: 4 denied in 2024 + 25 in 2025 = 29 denied, shown; no small cell there.
    assert rows["Honduras"]["total"] == 79
    # Mexico's 12 granted asylum are shown; its rate base is 12 (< 25), so no rate.
    assert rows["Mexico"]["rate"] is None
    assert 'role="img"' in html and "<title" in html and "<desc" in html


def test_a_small_cell_is_hidden_with_its_complements_on_page_and_in_csv(staff_client, outcomes):
    params = {"rows": "country", "columns": "year"}
    page = staff_client.get(reverse("insights:staff"), params)
    table = page.context["table"]
    rows = {row["label"]: row for row in table.rows}
    years = table.col_labels
    assert rows["Honduras"]["cells"][years.index("2024")] == 54
    assert "too few to publish" not in page.content.decode()
    # Filtered to denials: Honduras 2024 has 4, hidden, and so is what would reveal it.
    params["result"] = "4"
    page = staff_client.get(reverse("insights:staff"), params)
    table = page.context["table"]
    rows = {row["label"]: row for row in table.rows}
    assert rows["Honduras"]["cells"][table.col_labels.index("2024")] is None
    assert (
        sum(v is None for v in rows["Honduras"]["cells"]) + (rows["Honduras"]["total"] is None) >= 2
    )
    html = page.content.decode()
    assert "too few to publish" in html
    exported = _csv_rows(staff_client.get(reverse("insights:staff_csv"), params))
    by_label = {line[0]: line for line in exported if line}
    shown_cells = [v if v is not None else "—" for v in rows["Honduras"]["cells"]]
    assert by_label["Honduras"][1 : 1 + len(shown_cells)] == [str(v) for v in shown_cells]
    for line in exported:
        for value in line:
            assert not (value.isdigit() and 1 <= int(value) <= 10), line


def test_csv_is_the_table_shown(staff_client, outcomes):
    page = staff_client.get(reverse("insights:staff"))
    table = page.context["table"]
    response = staff_client.get(reverse("insights:staff_csv"))
    assert response["Content-Disposition"].startswith("attachment")
    lines = _csv_rows(response)
    assert lines[0][1 : 1 + len(table.col_labels)] == table.col_labels
    for row, line in zip(table.rows, lines[1:], strict=False):
        assert line[0] == row["label"]
        assert line[-2] == str(row["total"])


def test_adjudicators_below_100_decisions_are_never_named(staff_client, taxonomy_terms):
    report(120, adjudicator_name="Judge Many", decision="denied", rebuild=False)
    report(60, adjudicator_name="Judge Few", decision="granted_asylum", rebuild=False)
    report(45, adjudicator_name="Judge Fewer", decision="denied")
    response = staff_client.get(reverse("insights:staff"), {"rows": "adjudicator"})
    html = response.content.decode()
    assert "Judge Many" in html
    assert "Judge Few" not in html and "Judge Fewer" not in html
    assert "Other adjudicators" in html
    exported = staff_client.get(reverse("insights:staff_csv"), {"rows": "adjudicator"})
    assert b"Judge Few" not in exported.content


def test_adjudicators_only_by_year_or_outcome(staff_client, taxonomy_terms):
    report(120, adjudicator_name="Judge Many")
    response = staff_client.get(
        reverse("insights:staff"),
        {"rows": "adjudicator", "columns": "persecution_type", "country": "GT"},
    )
    assert response.status_code == 200
    query = response.context["parsed"].query
    assert (query.rows, query.columns) == ("adjudicator", "result")
    assert query.filters == {}
    assert "only by year or by outcome" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"rows": "nope", "columns": "country"},
        {"country": "ZZZ", "year": "99999", "result": "x", "persecution_type": "-1"},
        {"location": "x" * 500, "adjudicator_level": "emperor", "denial_reason": "\x00"},
        {"rows": "result", "columns": "result"},
    ],
)
def test_bad_choices_never_fail(staff_client, outcomes, params):
    assert staff_client.get(reverse("insights:staff"), params).status_code == 200
    assert staff_client.get(reverse("insights:staff_csv"), params).status_code == 200


def test_attorney_with_a_case_sees_the_page(client_for, users, outcomes):
    CaseFactory(attorney=users["attorney"])
    client = client_for("attorney")
    response = client.get(reverse("insights:attorney"), {"rows": "year"})
    assert response.status_code == 200
    assert response.context["may_view"] is True
    assert client.get(reverse("insights:attorney_csv")).status_code == 200


def test_attorney_without_a_case_is_told_how_to_open_it(client_for, outcomes):
    response = client_for("attorney").get(reverse("insights:attorney"))
    assert response.context["may_view"] is False
    assert "registered a case" in response.content.decode()
