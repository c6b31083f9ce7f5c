"""The Expert Witness Database in a real Chromium: an expert registers (through the
registration flow, verifying their email), builds a listing with a CV and submits it; staff
(with two-factor) approve it; an attorney finds it by type + country + topic and opens the
profile; the expert cannot open the search."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from playwright.sync_api import expect

import devtools.demo.taxonomy
from experts.models import Listing, ListingStatus
from tests.accounts.helpers import totp_code
from tests.experts.factories import ListingFactory
from tests.experts.pdfs import pdf_bytes
from tests.factories import PASSWORD, AttorneyFactory, StaffFactory

NEW_PASSWORD = "a-long-unusual-passphrase-2026"
STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3EXP"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


@pytest.fixture
def world(transactional_db):
    devtools.demo.taxonomy.load(lambda message: None)
    # Someone else on Guatemala, so the search has more than one result to narrow.
    ListingFactory(display_name="Dr. Other Guatemala Expert", countries=["GT"])
    staff = StaffFactory(email="vetting@example.org", two_factor=False)
    TOTP.activate(staff, STAFF_SECRET)
    return {
        "staff": staff,
        "attorney": AttorneyFactory(email="finder@example.net"),
    }


def _sign_out(page):
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()


def _register_expert(page, email: str):
    page.goto("/")
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Expert witness for immigration cases").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your full name").fill("Dr. Renata Quispe")
    page.get_by_label(re.compile(r"^Email\b")).fill(email)
    page.get_by_label(re.compile(r"^Password \*")).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(r"^Your organization or institution")).select_option("solo")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    page.goto(CONFIRM_LINK.search(message.body).group(1))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="My Account")).to_be_visible()


def _build_listing(page):
    section = page.get_by_role("region", name="My listing in the Expert Witness Database")
    expect(section).to_contain_text("You have no listing yet")
    section.get_by_role("link", name="Create your listing").click()
    expect(page.get_by_role("heading", name="Create your listing")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Name as it should appear"))).to_have_value(
        "Dr. Renata Quispe"
    )
    page.get_by_label(re.compile(r"^Credentials")).fill(
        "PhD, Anthropology (UCLA). Ten years of fieldwork on violence against women in Guatemala."
    )
    page.get_by_label("Country conditions", exact=True).check()
    page.get_by_label(re.compile(r"^Countries of expertise")).select_option(["GT", "HN"])
    page.get_by_label("Domestic violence", exact=True).check()
    page.get_by_label("Other topics (optional)").fill("Indigenous communities")
    page.get_by_label("English", exact=True).check()
    page.get_by_label("Spanish", exact=True).check()
    page.get_by_label("I can work remotely").check()
    page.get_by_label("Pro bono", exact=True).check()
    page.get_by_label("Yes, I am accepting new cases").check()
    page.get_by_label(re.compile(r"^Website")).fill("not a web address")
    page.get_by_label(re.compile(r"^CV \(PDF\)")).set_input_files(
        {"name": "my cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Renata CV")}
    )
    page.get_by_role("button", name="Save listing").click()
    # A bad web address comes back with a clear error and everything else kept.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("Enter a web address, e.g. https://example.org.").first).to_be_visible()
    expect(page.get_by_label("Domestic violence", exact=True)).to_be_checked()
    page.get_by_label(re.compile(r"^Website")).fill("https://example.net/renata")
    # A file input is never refilled by the browser: choose the CV again.
    page.get_by_label(re.compile(r"^CV \(PDF\)")).set_input_files(
        {"name": "my cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Renata CV")}
    )
    page.get_by_role("button", name="Save listing").click()
    expect(page.get_by_text("Your listing was saved as a draft")).to_be_visible()
    expect(page.locator("[data-listing-status]")).to_have_text("Draft")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("[data-listing-status]")).to_have_text("Submitted for review")


def _staff_approve(page, sign_in, staff):
    sign_in(staff.email, PASSWORD)
    page.get_by_label("Code").fill(totp_code(STAFF_SECRET))
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Experts").click()
    expect(page.get_by_role("heading", name="Expert listings")).to_be_visible()
    page.get_by_role("link", name="Review Dr. Renata Quispe").click()
    expect(page.get_by_role("heading", name="Dr. Renata Quispe")).to_be_visible()
    page.get_by_label("Approve and list").check()
    page.get_by_role("button", name="Save decision").click()
    # Without the checklist, approval is refused.
    expect(
        page.get_by_text("Complete the vetting checklist before approving.").first
    ).to_be_visible()
    page.get_by_label("Credentials checked").check()
    page.get_by_label("References checked").check()
    page.get_by_label(re.compile(r"^CV reviewed")).check()
    page.get_by_label("Approve and list").check()
    page.get_by_label(re.compile(r"^Notes to the expert")).fill("Welcome to the database.")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Dr. Renata Quispe is now: Listed.")).to_be_visible()
    _sign_out(page)


def _attorney_finds(page, sign_in, attorney):
    sign_in(attorney.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Find an expert").click()
    expect(page.get_by_role("heading", name="Expert Witness Database")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Country conditions \(")).click()
    expect(page).to_have_url(re.compile(r"type=country_conditions"))
    page.get_by_label("Country", exact=True).select_option("GT")
    # The filters update the results in place and the URL follows.
    expect(page).to_have_url(re.compile(r"country=GT"))
    cards = page.locator(".experts-card")
    expect(cards).to_have_count(2)
    page.get_by_label(re.compile(r"^Domestic violence \(")).check()
    expect(page).to_have_url(re.compile(r"topic=domestic-violence"))
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card).to_contain_text("Dr. Renata Quispe")
    expect(card).to_contain_text("Pro bono")
    expect(card).to_contain_text("Accepting new cases")
    card.get_by_role("link", name=re.compile(r"^View profile")).click()
    expect(page.get_by_role("heading", name="Dr. Renata Quispe", level=1)).to_be_visible()
    expect(page.get_by_text("A listing is not an endorsement.")).to_be_visible()
    expect(page.get_by_role("link", name="renata@example.net")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("vetting protocol"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CV (PDF)").click()
    assert download.value.suggested_filename == "cv.pdf"


def test_an_expert_is_listed_and_an_attorney_finds_them(page, sign_in, world):
    email = "renata@example.net"
    _register_expert(page, email)
    _build_listing(page)
    # Experts never reach the search (they would not see referrals).
    response = page.goto("/experts/?type=country_conditions&country=GT")
    assert response.status == 403
    _sign_out(page)

    _staff_approve(page, sign_in, world["staff"])
    listing = Listing.objects.get(owner__email=email)
    assert listing.status == ListingStatus.LISTED
    assert [m for m in mail.outbox if m.to == [email] and "Listed" in m.subject]

    _attorney_finds(page, sign_in, world["attorney"])
