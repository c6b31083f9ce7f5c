"""Case documents in a real Chromium: an attorney reports an outcome with two generated
immigration-court PDFs (one CGRS may share, one not) and sees both on the case record; staff
(with two-factor) find the shared one at the top of the documents queue; the attorney
withdraws the permission; a second attorney gets 404 on both files."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

import devtools.demo.taxonomy
from documents import samples
from documents.models import Document
from tests.accounts.helpers import totp_code
from tests.cases.factories import CaseFactory
from tests.factories import PASSWORD, AttorneyFactory, StaffFactory

STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3DOC"


@pytest.fixture
def world(transactional_db):
    devtools.demo.taxonomy.load(lambda message: None)
    staff = StaffFactory(email="intake@example.org", two_factor=False)
    TOTP.activate(staff, STAFF_SECRET)
    attorney = AttorneyFactory(email="counsel@example.net")
    return {
        "attorney": attorney,
        "other": AttorneyFactory(email="other-counsel@example.net"),
        "staff": staff,
        "case": CaseFactory(attorney=attorney, country_of_origin="GT"),
    }


@pytest.fixture
def person(browser, live_server):
    """A browser of their own for each person (separate cookies), signed in through the
    real form."""
    contexts = []

    def open_as(email: str, *, totp_secret: str | None = None):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        if totp_secret:
            page.get_by_label("Code").fill(totp_code(totp_secret))
            page.get_by_role("button", name="Sign In").click()
        expect(page.get_by_role("button", name="Sign out").first).to_be_visible()
        return page

    yield open_as
    for context in contexts:
        context.close()


def _pdf(name: str, data: bytes) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": data}


def test_two_pdfs_with_an_outcome_then_withdrawal_staff_queue_and_another_attorneys_404(
    world, person
):
    case = world["case"]
    attorney = person(world["attorney"].email)
    attorney.goto(f"/cases/{case.number}/")
    attorney.get_by_role("link", name="Add an outcome").click()
    attorney.get_by_label("Date of decision").fill("2026-03-02")
    attorney.get_by_label("Immigration judge", exact=True).check()
    attorney.get_by_label("Granted asylum", exact=True).check()
    first, second = (
        attorney.locator("fieldset.document-row").nth(0),
        attorney.locator("fieldset.document-row").nth(1),
    )
    first.get_by_label("File").set_input_files(
        _pdf("IJ decision.pdf", samples.decision_pdf(samples.sample_parties(3)))
    )
    first.get_by_label("Kind of document").select_option(label="Decision")
    first.get_by_role("radio", name=re.compile(r"^Yes: CGRS will redact")).check()
    second.get_by_label("File").set_input_files(
        _pdf("Declaration.pdf", samples.decision_pdf(samples.sample_parties(4)))
    )
    second.get_by_label("Kind of document").select_option(label="Declaration")
    second.get_by_role("radio", name=re.compile(r"^No: CGRS will not share")).check()
    attorney.get_by_role("button", name="Save outcome").click()

    expect(attorney.get_by_text("2 document(s) uploaded")).to_be_visible()
    documents = attorney.locator("[data-case-documents] tbody tr")
    expect(documents).to_have_count(2)
    shared_row = documents.filter(has_text="IJ decision.pdf")
    private_row = documents.filter(has_text="Declaration.pdf")
    expect(shared_row).to_contain_text("Received")
    expect(shared_row).to_contain_text("Granted asylum")
    expect(private_row).to_contain_text("Kept private")
    shared = Document.objects.get(original_name="IJ decision.pdf")
    private = Document.objects.get(original_name="Declaration.pdf")
    assert shared.case == case and private.case == case

    # Staff find the shared one first in the queue, waiting for redaction.
    staff = person(world["staff"].email, totp_secret=STAFF_SECRET)
    staff.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    expect(staff.get_by_role("heading", name="Documents", exact=True)).to_be_visible()
    rows = staff.locator("table tbody tr")
    expect(rows.first).to_have_attribute("data-document", shared.public_id)
    expect(rows.first).to_contain_text("Needs redaction")
    rows.first.get_by_role("link", name=re.compile("^Open")).click()
    expect(staff.get_by_role("heading", name=f"Decision of case {case.number}")).to_be_visible()

    # The attorney withdraws the permission; it takes effect at once.
    shared_row.get_by_role("link", name="IJ decision.pdf").click()
    attorney.get_by_role("link", name="Change share permission").click()
    attorney.get_by_role("radio", name=re.compile(r"^No: CGRS will not share")).check()
    attorney.get_by_role("button", name="Save").click()
    expect(attorney.get_by_text("Permission withdrawn")).to_be_visible()
    attorney.get_by_role("link", name=f"Case {case.number}").click()
    expect(attorney.locator("[data-case-documents] tbody tr")).to_have_count(2)
    expect(
        attorney.locator("[data-case-documents] tbody tr").filter(has_text="IJ decision.pdf")
    ).to_contain_text("Kept private")
    staff.goto("/staff/documents/")
    expect(staff.locator(f'tr[data-document="{shared.public_id}"]')).not_to_contain_text(
        "Needs redaction"
    )

    # Another attorney: 404 for every page and file of both, and nothing of them shown.
    other = person(world["other"].email)
    for document in (shared, private):
        for path in (
            f"/documents/{document.public_id}/",
            f"/documents/{document.public_id}/file/",
            f"/documents/{document.public_id}/download/",
        ):
            response = other.goto(path)
            assert response.status == 404, path
            expect(other.get_by_text(document.original_name)).to_have_count(0)
