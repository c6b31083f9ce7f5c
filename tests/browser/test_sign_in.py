"""A visitor opens the home page, signs in as an attorney and signs out."""

from playwright.sync_api import expect

from tests.factories import PASSWORD, AttorneyFactory


def test_visitor_signs_in_and_out(page, transactional_db):
    attorney = AttorneyFactory(email="visitor@example.net")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email").fill(attorney.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="My Account")).to_be_visible()
    expect(page.get_by_text(attorney.email).first).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()
    # allauth asks for confirmation only when the sign-out is a GET; our header form POSTs.
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
