"""Outcome insights in Chromium: staff choose country x year, see the chart and the table and
download the CSV; an attorney sees "outcomes reported for similar cases" on a case. Both pages
with real data: 0 axe-core violations (WCAG 2.2 AA) and nothing scrolls sideways at 320 px."""

from __future__ import annotations

import csv
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from tests.browser.test_every_page import _context, _problems
from tests.cases.conftest import taxonomy_terms  # noqa: F401
from tests.cases.factories import CaseFactory
from tests.insights.helpers import report


@pytest.fixture
def reported(transactional_db, taxonomy_terms):  # noqa: F811
    report(40, country="GT", decision="denied", year=2024, rebuild=False)
    report(35, country="GT", decision="granted_asylum", year=2025, rebuild=False)
    report(60, country="HN", decision="granted_withholding", year=2025, rebuild=False)
    report(6, country="HN", decision="denied", year=2024, rebuild=False)
    report(15, country="MX", decision="denied", year=2024, rebuild=False)
    report(12, country="MX", decision="granted_asylum", year=2025, rebuild=False)
    report(22, country="SV", decision="denied", year=2025)


def _signed_in(browser, live_server, user, width=1280):
    client = Client()
    client.force_login(user)
    context = _context(browser, live_server, client, "en", width)
    return context, context.new_page()


def test_staff_choose_country_by_year_see_chart_and_table_and_export(
    browser, live_server, users, reported
):
    context, page = _signed_in(browser, live_server, users["staff"])
    try:
        page.goto("/staff/insights/")
        page.get_by_label("Rows").select_option("country")
        page.get_by_label("Columns").select_option("year")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url("**columns=year**")
        chart = page.get_by_role("img", name="Chart of the table below")
        assert chart.is_visible()
        table = page.locator("table.insights-table")
        honduras = table.locator("tr", has=page.get_by_role("rowheader", name="Honduras"))
        cells = honduras.locator("td").all_inner_texts()
        # Honduras 2024: 6 denials, hidden; 2025: 60, hidden with Mexico's two years (the
        # cheapest cells that keep the 6 from being worked out from the totals).
        assert cells[:2] == ["—", "—"]
        mexico = table.locator("tr", has=page.get_by_role("rowheader", name="Mexico"))
        assert mexico.locator("td").all_inner_texts()[:2] == ["—", "—"]
        assert "too few to publish" in page.content()
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download this table (CSV)").click()
        rows = list(csv.reader(io.StringIO(open(download_info.value.path()).read())))  # noqa: SIM115
        assert rows[0][:3] == ["Country of origin", "2024", "2025"]
        exported = {row[0]: row for row in rows if row}
        assert exported["Guatemala"][1:4] == ["40", "35", "75"]
        assert exported["Honduras"][1] == "—"
        problems = _problems(page, Axe(), "staff insights")
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_attorney_sees_similar_cases_on_the_case_record(browser, live_server, users, reported):
    case = CaseFactory(attorney=users["attorney"], country_of_origin="GT")
    report(1, case=case, decision="denied", year=2025)
    context, page = _signed_in(browser, live_server, users["attorney"])
    try:
        page.goto(f"/cases/{case.number}/")
        panel = page.get_by_role("region", name="Same country (Guatemala) and persecution type")
        assert panel.is_visible()
        assert page.get_by_role("heading", name="Outcomes reported for similar cases").is_visible()
        row = panel.locator("tr", has=page.get_by_role("rowheader", name="Domestic violence"))
        assert "41" in row.locator("td").all_inner_texts()  # 40 + this case's own denial
        problems = _problems(page, Axe(), "case record")
        page.goto("/insights/?rows=year")
        assert page.get_by_role("img", name="Chart of the table below").is_visible()
        problems += _problems(page, Axe(), "attorney insights")
        assert not problems, "\n".join(problems)
    finally:
        context.close()
