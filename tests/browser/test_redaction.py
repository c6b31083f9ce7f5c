"""Redact and publish in a real Chromium (issue 13's "Done when"): staff open a generated
scanned decision in the workbench, accept the proposals, draw a box with the mouse, build,
see the check pass; a second staff member reviews and approves, then publishes; another
attorney's case library and search show the sample; the uploader withdraws it and it is gone.
Tasks run through the outbox in-process (the test settings' eager Celery)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from playwright.sync_api import expect

import devtools.demo.taxonomy
from documents.samples import sample_parties
from redaction.engine import samples
from taxonomy.models import PersecutionType
from tests.accounts.helpers import totp_code
from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory
from tests.factories import PASSWORD, AttorneyFactory, StaffFactory

SECRETS = {
    "redactor@example.org": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3RED",
    "reviewer@example.org": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3REV",
}
PARTIES = sample_parties(31)
TITLE = "Sample decision: asylum for a family targeted by a gang"


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    devtools.demo.taxonomy.load(lambda message: None)
    for email, secret in SECRETS.items():
        TOTP.activate(StaffFactory(email=email, two_factor=False), secret)
    gang = PersecutionType.objects.get(slug="gang-violence")
    uploader = AttorneyFactory(email="uploader@example.net")
    document = DocumentFactory(
        case=CaseFactory(attorney=uploader, persecution_types=[gang], country_of_origin="HN"),
        content=samples.scanned_decision_pdf(PARTIES, pages=1, seed=31),
        page_count=1,
        original_name="Scanned IJ decision.pdf",
    )
    reader = AttorneyFactory(email="reader@example.net")
    return {
        "document": document,
        "uploader": uploader,
        "reader": reader,
        "reader_case": CaseFactory(attorney=reader, persecution_types=[gang]),
    }


@pytest.fixture
def person(browser, live_server):
    contexts = []

    def open_as(email: str, *, width: int = 1280):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(60_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        if email in SECRETS:
            page.get_by_label("Code").fill(totp_code(SECRETS[email]))
            page.get_by_role("button", name="Sign In").click()
        expect(page.get_by_role("button", name="Sign out").first).to_be_visible()
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_redact_review_publish_find_and_withdraw(world, person):
    document = world["document"]
    workbench = reverse("redaction:workbench", args=[document.public_id])

    redactor = person("redactor@example.org")
    redactor.goto(reverse("documents:staff_document", args=[document.public_id]))
    redactor.get_by_role("link", name="Redaction workbench").click()
    redactor.get_by_role("button", name="Start redaction").click()
    # Detection (OCR of the scan) ran after commit; the caption's A-number and name are found.
    expect(redactor.locator("[data-proposal-row]").first).to_be_visible()

    redactor.locator("summary", has_text="Identifiers of this document").click()
    names = "\n".join([PARTIES.respondent, *PARTIES.family])
    redactor.get_by_label("Names", exact=True).fill(names)
    redactor.get_by_label("A-numbers").fill(PARTIES.a_number)
    redactor.get_by_label("Dates of birth").fill(PARTIES.date_of_birth)
    redactor.get_by_label("Addresses", exact=True).fill(PARTIES.address)
    redactor.get_by_role("button", name="Save and find them").click()
    expect(redactor.locator("[data-proposal-row]").first).to_be_visible()
    redactor.get_by_role("button", name="Accept ticked").click()
    expect(redactor.locator(".proposal-row-pending")).to_have_count(0)

    # A box drawn with the mouse over the top right corner of the page.
    canvas = redactor.locator("[data-page-canvas]")
    area = canvas.bounding_box()
    redactor.mouse.move(area["x"] + area["width"] * 0.70, area["y"] + area["height"] * 0.03)
    redactor.mouse.down()
    redactor.mouse.move(
        area["x"] + area["width"] * 0.95, area["y"] + area["height"] * 0.06, steps=5
    )
    redactor.mouse.up()
    expect(redactor.get_by_label("Left")).not_to_have_value("")
    redactor.get_by_role("button", name="Add the box").click()
    expect(redactor.get_by_text("Box added.")).to_be_visible()
    expect(redactor.locator("rect.staff-box")).to_have_count(1)

    redactor.get_by_role("button", name="Build the redacted file").click()
    expect(redactor.locator("[data-check-passed]")).to_be_visible()
    redactor.get_by_role("link", name="Review the redacted file").click()
    expect(redactor.get_by_text("a second staff member must review")).to_be_visible()
    expect(redactor.get_by_role("button", name="Approve")).to_have_count(0)

    reviewer = person("reviewer@example.org")
    reviewer.goto(workbench + "review/")
    expect(reviewer.get_by_role("img", name="Redacted page 1")).to_be_visible()
    reviewer.get_by_role("button", name="Approve").click()
    expect(reviewer.get_by_text("Approved. It can now be published.")).to_be_visible()
    reviewer.get_by_label("Title for the library").fill(TITLE)
    reviewer.get_by_label("Summary").fill(
        "An immigration judge grants asylum to a mother and daughter threatened by a gang."
    )
    reviewer.get_by_role("button", name="Publish to the TA Library").click()
    expect(reviewer.get_by_text("Published to the TA Library.")).to_be_visible()

    reader = person("reader@example.net")
    library = reverse("ta_library:case_library", args=[world["reader_case"].number])
    reader.goto(library)
    expect(reader.locator(".library-card", has_text=TITLE)).to_have_count(1)
    # Its OCR text is indexed: the judge's name (not an identifier) finds it.
    reader.goto(library + "?q=" + PARTIES.judge.split()[-1])
    expect(reader.locator(".library-card", has_text=TITLE)).to_have_count(1)
    reader.locator(".library-card", has_text=TITLE).get_by_role("link").first.click()
    resource_url = reader.url

    uploader = person("uploader@example.net")
    uploader.goto(reverse("documents:delete", args=[document.public_id]))
    uploader.get_by_role("button", name="Withdraw and hide the document").click()

    reader.goto(library)
    expect(reader.locator(".library-card", has_text=TITLE)).to_have_count(0)
    assert reader.goto(resource_url).status == 404
