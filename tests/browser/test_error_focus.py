"""After a server-side form error, focus starts on the error summary ("There is a problem"), so
a keyboard or screen-reader user hears what went wrong first, and Tab reaches its links to the
fields (GOV.UK's error summary pattern; partial.js focuses [data-error-summary] on load)."""

import datetime
import re

from playwright.sync_api import expect

import devtools.demo.taxonomy
from tests.factories import PASSWORD, AttorneyFactory

FOCUSED_SUMMARY = "document.activeElement.closest('[data-error-summary]') !== null"


def _wait_for_summary_focus(page) -> None:
    # partial.js moves focus once it runs, which can be just after the heading shows: wait
    # for it (up to the page's timeout) rather than read focus at one instant.
    page.wait_for_function(FOCUSED_SUMMARY)


def _focused_text(page) -> str:
    return page.evaluate("document.activeElement.innerText")


def test_pro_se_sign_up_in_spanish(page, live_server, transactional_db):
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto("/accounts/signup/pro_se/")
    page.get_by_label("Su nombre").fill("Ana")
    page.get_by_label(re.compile(r"^Correo electrónico")).fill("ana@example.net")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD + "x")
    page.locator("#id_password2").press("Enter")
    expect(page.get_by_role("heading", name="Hay un problema")).to_be_visible()
    _wait_for_summary_focus(page)
    assert _focused_text(page).startswith("Hay un problema")
    # The first Tab goes to the summary's link to the field in error, which moves focus there.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_password2"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_password2"


def test_sign_in_with_a_wrong_password(page, transactional_db):
    AttorneyFactory(email="counsel@example.net")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("counsel@example.net")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    _wait_for_summary_focus(page)


def test_intake_with_only_a_deadline_wrong(page, sign_in, transactional_db):
    """The deadlines have their own summary: it takes focus when it is the only one."""
    devtools.demo.taxonomy.load(lambda message: None)
    attorney = AttorneyFactory(email="counsel@example.net")
    sign_in(attorney.email, PASSWORD)
    page.goto("/cases/new/")
    page.get_by_label("Client's country of origin").select_option(label="Guatemala")
    page.get_by_label("Domestic violence").check()
    page.get_by_label("Asylum", exact=True).check()
    page.get_by_label("Defensive, before the immigration court").check()
    page.get_by_label("Not detained").check()
    page.get_by_label("No", exact=True).check()
    past = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
    page.locator("#id_deadlines-0-due_on").fill(past)
    page.locator("#id_deadlines-0-description").fill("Brief due")
    page.get_by_role("button", name="Submit case intake").click()
    expect(
        page.get_by_role("heading", name="There is a problem with the deadlines")
    ).to_be_visible()
    _wait_for_summary_focus(page)
    assert _focused_text(page).startswith("There is a problem with the deadlines")
