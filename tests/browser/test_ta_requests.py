"""Ask for more help in a real Chromium: an attorney asks with a deadline from the intake;
staff (with two-factor) see it at the top of the queue, reply asking for information; the
attorney reads the reply on the case record and answers; staff close it."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import expect

import devtools.demo.taxonomy
from cases.models import Deadline
from ta_requests.models import TARequest
from tests.accounts.helpers import totp_code
from tests.cases.factories import CaseFactory
from tests.factories import PASSWORD, AttorneyFactory, StaffFactory
from tests.ta_requests.factories import TARequestFactory

STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3HLP"


@pytest.fixture
def world(transactional_db):
    devtools.demo.taxonomy.load(lambda message: None)
    staff = StaffFactory(email="help-desk@example.org", two_factor=False)
    TOTP.activate(staff, STAFF_SECRET)
    attorney = AttorneyFactory(email="counsel@example.net")
    case = CaseFactory(attorney=attorney, country_of_origin="GT")
    Deadline.objects.create(
        case=case, due_on=timezone.localdate() + timedelta(days=3), description="BIA brief due"
    )
    # Other requests already in the queue: a later deadline, and none at all.
    TARequestFactory(deadline_on=timezone.localdate() + timedelta(days=40), deadline_kind="other")
    TARequestFactory()
    return {"attorney": attorney, "staff": staff, "case": case}


@pytest.fixture
def person(browser, live_server):
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


def test_ask_staff_see_it_first_reply_attorney_answers_staff_close(world, person):
    case = world["case"]
    attorney = person(world["attorney"].email)
    attorney.goto(f"/cases/{case.number}/")
    attorney.get_by_role("link", name="Ask for more help").click()
    expect(attorney.get_by_text("not able to take on every one")).to_be_visible()
    attorney.get_by_label("Brief review").check()
    attorney.get_by_label("What do you need?").fill("Would CGRS review our nexus argument?")
    attorney.get_by_label("BIA brief due").check()
    attorney.get_by_label("What is the deadline?").select_option("bia_brief")
    attorney.get_by_label("Urgent: a deadline in the next week or two").check()
    attorney.get_by_role("button", name="Send the request").click()
    expect(attorney.get_by_text("Your request was sent to CGRS")).to_be_visible()
    ta_request = TARequest.objects.get(case=case)
    assert ta_request.deadline_kind == "bia_brief"

    staff = person(world["staff"].email, totp_secret=STAFF_SECRET)
    staff.goto("/staff/help/")
    first_row = staff.locator("tbody tr").first
    expect(first_row).to_have_attribute("data-ta-request", str(ta_request.pk))
    expect(first_row).to_contain_text("In 3 days")
    first_row.get_by_role("link").click()
    staff.get_by_label("Ask the attorney for information (waiting for them)").check()
    staff.get_by_label("Message to the attorney").fill("Which circuit is the case in?")
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_text("Saved; the attorney is told")).to_be_visible()

    attorney.goto(f"/cases/{case.number}/")
    section = attorney.locator("[data-case-ta-requests]")
    expect(section).to_contain_text("Waiting for you")
    section.get_by_role("link", name="Brief review").click()
    expect(attorney.get_by_text("Which circuit is the case in?")).to_be_visible()
    attorney.get_by_label("Your reply").fill("The Ninth Circuit.")
    attorney.get_by_role("button", name="Send the reply").click()
    expect(attorney.get_by_text("Your reply was sent to CGRS.")).to_be_visible()
    expect(attorney.locator("[data-status]")).to_have_text("In progress")

    staff.reload()
    expect(staff.get_by_text("The Ninth Circuit.")).to_be_visible()
    staff.get_by_label("Close", exact=True).check()
    staff.get_by_role("button", name="Save").click()
    expect(staff.locator("[data-status]")).to_have_text("Closed")

    attorney.goto(f"/cases/{case.number}/")
    expect(attorney.locator("[data-case-ta-requests]")).to_contain_text("Closed")
