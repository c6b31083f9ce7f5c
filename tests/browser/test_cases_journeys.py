"""Case journeys in a real Chromium: intake, outcome-first intake, edit history, a second
outcome, and another attorney's 404."""

import datetime
import re

import pytest
from playwright.sync_api import expect

import devtools.demo.taxonomy
from cases.models import Case
from tests.cases.factories import CaseFactory
from tests.factories import PASSWORD, AttorneyFactory
from tests.outcomes.factories import OutcomeFactory


@pytest.fixture
def attorney(transactional_db):
    devtools.demo.taxonomy.load(lambda message: None)
    return AttorneyFactory(email="counsel@example.net")


def _fill_intake(page, *, country="Guatemala", outcome_rendered="No"):
    page.get_by_label("Client's country of origin").select_option(label=country)
    page.get_by_label("Domestic violence").check()
    page.get_by_label("Gender-based violence").check()
    page.get_by_label("Asylum", exact=True).check()
    page.get_by_label("Withholding of removal").check()
    page.get_by_label("Defensive, before the immigration court").check()
    page.get_by_label("Not detained").check()
    page.get_by_label(outcome_rendered, exact=True).check()
    due = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    page.locator("#id_deadlines-0-due_on").fill(due)
    page.locator("#id_deadlines-0-description").fill("Master calendar hearing")
    page.get_by_label("Notes (optional)").fill("Client fled an abusive partner.")


def test_attorney_submits_an_intake_and_sees_the_case_number(page, sign_in, attorney):
    sign_in(attorney.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My cases").click()
    page.get_by_role("link", name="Submit a new case intake").click()
    expect(page.get_by_role("heading", name="New case intake")).to_be_visible()
    # A missing answer comes back with a clear error and the other answers kept.
    page.get_by_label("Client's country of origin").select_option(label="Guatemala")
    page.get_by_role("button", name="Submit case intake").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Client's country of origin")).to_have_value("GT")
    _fill_intake(page)
    page.get_by_role("button", name="Submit case intake").click()
    expect(page.get_by_role("heading", name="Case intake submitted")).to_be_visible()
    case = Case.objects.get(attorney=attorney)
    expect(page.locator("[data-case-number]")).to_have_text(str(case.number))
    assert re.fullmatch(r"\d{5}", page.locator("[data-case-number]").inner_text())
    # The number is on My Account with the links an attorney needs.
    page.get_by_role("link", name="My Account").first.click()
    row = page.get_by_role("row").filter(has_text=str(case.number))
    expect(row).to_contain_text("Guatemala")
    expect(
        row.get_by_role("link", name=re.compile("View TA Library for this case"))
    ).to_be_visible()
    expect(row.get_by_role("link", name=re.compile("Add an outcome"))).to_be_visible()


def test_an_intake_with_a_prior_outcome_reports_it_then_opens_the_library(page, sign_in, attorney):
    sign_in(attorney.email, PASSWORD)
    page.goto("/cases/new/")
    _fill_intake(page, outcome_rendered="Yes")
    page.get_by_role("button", name="Submit case intake").click()
    case = Case.objects.get(attorney=attorney)
    expect(
        page.get_by_role("heading", name=f"Report an outcome for case {case.number}")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Documents (optional)")).to_be_visible()
    page.get_by_label("Date of decision").fill("2026-01-15")
    page.get_by_label("Asylum office", exact=True).check()
    page.get_by_label("Denied", exact=True).check()
    page.get_by_label("Particular social group", exact=True).check()
    page.get_by_label("No nexus to a protected ground").check()
    page.get_by_role("button", name="Save outcome and open the TA Library").click()
    expect(page.get_by_role("heading", name=f"TA Library for case {case.number}")).to_be_visible()
    assert case.outcomes.get().decision == "denied"


def test_an_edit_appears_in_the_history_and_a_second_outcome_is_added(page, sign_in, attorney):
    case = CaseFactory(attorney=attorney, country_of_origin="GT", notes="First account")
    OutcomeFactory(case=case, decided_on=datetime.date(2025, 5, 1), decision="denied")
    sign_in(attorney.email, PASSWORD)
    row = page.get_by_role("row").filter(has_text=str(case.number))
    row.get_by_role("link", name=re.compile("^Edit")).click()
    page.get_by_label("Client's country of origin").select_option(label="Honduras")
    page.get_by_label("Notes (optional)").fill("Second account")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Your changes were saved.")).to_be_visible()
    history = page.locator(".case-history")
    expect(history).to_contain_text("Case edited")
    expect(history).to_contain_text(attorney.email)
    expect(history.locator("del").first).to_have_text("Guatemala")
    expect(history.locator("ins").first).to_have_text("Honduras")
    expect(history).to_contain_text("First account")

    page.get_by_role("link", name="Add another outcome").click()
    page.get_by_label("Date of decision").fill("2026-03-10")
    page.get_by_label("Immigration judge", exact=True).check()
    page.get_by_label("Remanded", exact=True).check()
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_text("Thank you: the outcome was saved.")).to_be_visible()
    outcomes = page.locator("#outcomes-heading ~ article")
    expect(outcomes).to_have_count(2)
    expect(outcomes.nth(0)).to_contain_text("Denied")
    expect(outcomes.nth(1)).to_contain_text("Remanded")


def test_another_attorney_gets_not_found_for_the_first_attorneys_case(page, sign_in, attorney):
    case = CaseFactory(attorney=attorney, notes="Only for counsel")
    other = AttorneyFactory(email="other@example.net")
    sign_in(other.email, PASSWORD)
    expect(page.get_by_role("heading", name="My Account")).to_be_visible()
    for path in (f"/cases/{case.number}/", f"/cases/{case.number}/edit/"):
        response = page.goto(path)
        assert response.status == 404
        expect(page.get_by_text("Only for counsel")).to_have_count(0)
