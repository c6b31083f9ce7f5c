"""Registration journeys in a real Chromium: an attorney with a known organization (typed
into the type-ahead) who verifies their email, another who registers a new organization via
"(Other)", a pro se registrant in Spanish whom staff then see in the follow-up queue, and a
staff member who cannot open the admin until two-factor authentication is set up."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Organization, ProSeFollowUp, Role, User
from tests.accounts.helpers import KNOWN_SECRET, totp_code
from tests.factories import PASSWORD, OrganizationFactory, StaffFactory

NEW_PASSWORD = "a-long-unusual-passphrase-2026"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


@pytest.fixture
def organizations(transactional_db):
    OrganizationFactory(name="Rio Grande Legal Defense", city="El Paso", state="TX")
    OrganizationFactory(name="Bay Area Asylum Project", city="San Francisco", state="CA")
    OrganizationFactory.create_batch(30)


def _choose(page, label):
    page.goto("/")
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label(label).check()
    page.get_by_role("button", name="Continue").click()


def _fill_account(page, name, email):
    page.get_by_label("Your full name").fill(name)
    # Required labels read "Email * (required)"; match the start of the accessible name.
    page.get_by_label(re.compile(r"^Email\b")).fill(email)
    page.get_by_label(re.compile(r"^Password \*")).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(NEW_PASSWORD)


def _confirm_link(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    return CONFIRM_LINK.search(message.body).group(1)


def test_attorney_registers_with_an_existing_organization_and_verifies(page, organizations):
    _choose(page, "Attorney representing a client")
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    _fill_account(page, "Dana Advocate", "dana@example.net")
    # The type-ahead narrows the list as you type (no Search button press needed).
    page.get_by_label("Search for your organization").fill("bay ar")
    organization = page.get_by_label(re.compile(r"^Your organization \*"))
    expect(organization.locator("option", has_text="Bay Area Asylum Project")).to_have_count(1)
    expect(organization.locator("option", has_text="Rio Grande")).to_have_count(0)
    # "(Other)" fields stay hidden unless chosen.
    expect(page.get_by_label("Organization name")).to_be_hidden()
    organization.select_option(label="Bay Area Asylum Project (San Francisco, CA)")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_role("link", name="Send the verification link again")).to_be_visible()
    page.goto(_confirm_link("dana@example.net"))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="My Account")).to_be_visible()
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()
    expect(page.get_by_text("Bay Area Asylum Project (San Francisco, CA)")).to_be_visible()
    user = User.objects.get(email="dana@example.net")
    assert user.account_type == Role.ATTORNEY
    assert user.organization.name == "Bay Area Asylum Project"


def test_attorney_registers_a_new_organization_via_other(page, organizations):
    _choose(page, "Attorney representing a client")
    _fill_account(page, "Sam Counsel", "sam@example.net")
    page.get_by_label("Search for your organization").fill("Fresno Immigrant")
    organization = page.get_by_label(re.compile(r"^Your organization \*"))
    expect(organization.locator("option", has_text="Immigrant Legal Center")).to_have_count(0)
    organization.select_option("other")
    page.get_by_label("Organization name").fill("Fresno Immigrant Defense Collective")
    page.get_by_label("Type of organization").select_option(label="Nonprofit legal services")
    page.get_by_label("City").fill("Fresno")
    page.get_by_label("State", exact=True).select_option(label="California")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    created = Organization.objects.get(name="Fresno Immigrant Defense Collective")
    assert created.verified is False
    assert (created.city, created.state) == ("Fresno", "CA")
    assert User.objects.get(email="sam@example.net").organization == created


def test_a_missing_organization_keeps_everything_typed(page, organizations):
    _choose(page, "Expert witness for immigration cases")
    _fill_account(page, "Dr. Expert", "expert-new@example.net")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Your full name")).to_have_value("Dr. Expert")
    expect(page.get_by_label(re.compile(r"^Email\b"))).to_have_value("expert-new@example.net")


def test_pro_se_registers_in_spanish_and_staff_see_them(page, sign_in, transactional_db):
    page.goto("/")
    page.locator('.language-nav a[lang="es"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Registrarse").first.click()
    page.get_by_label("Solicitante de asilo que se representa a sí mismo/a").check()
    page.get_by_role("button", name="Continuar").click()
    expect(
        page.get_by_role("heading", name="Regístrese para recibir ayuda de CGRS")
    ).to_be_visible()
    page.get_by_label("Su nombre").fill("María Registrante")
    page.get_by_label(re.compile(r"^Correo electrónico\b")).fill("maria@example.net")
    page.get_by_label(re.compile(r"^Contraseña \*")).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(r"^Contraseña \(de nuevo\)")).fill(NEW_PASSWORD)
    page.get_by_label("Español").check()
    page.get_by_label("País de donde viene").select_option("GT")
    page.get_by_label("Sí", exact=True).check()
    page.get_by_role("button", name="Registrarse", exact=True).click()

    expect(page.get_by_role("heading", name="Revise su correo electrónico")).to_be_visible()
    expect(page.get_by_text("El personal de CGRS se comunicará con usted")).to_be_visible()
    expect(
        page.get_by_role(
            "link", name="Lea nuestra ayuda para personas que se representan a sí mismas"
        )
    ).to_be_visible()
    follow_up = ProSeFollowUp.objects.get(user__email="maria@example.net")
    assert follow_up.country_of_origin == "GT"
    assert [m for m in mail.outbox if m.to == ["ta-staff@example.org"]]

    # A staff member signs in (with the second factor) and finds her at the top of the queue.
    staff = StaffFactory(email="caseworker@example.org", two_factor=False)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(staff, KNOWN_SECRET)
    page.locator('.language-nav a[lang="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    sign_in(staff.email, PASSWORD)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="My Account")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Pro se follow-up").click()
    expect(page.get_by_role("heading", name="Pro se follow-up queue")).to_be_visible()
    first_row = page.locator("table tbody tr").first
    expect(first_row).to_contain_text("María Registrante")
    expect(first_row).to_contain_text("Guatemala")
    expect(first_row).to_contain_text("New")
    first_row.get_by_role("link").click()
    page.get_by_label("Status").select_option("contacted")
    page.get_by_label("Notes").fill("Sent the Spanish self-help packet.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("table tbody tr").first).to_contain_text("Contacted")


def test_staff_cannot_open_the_admin_until_two_factor_is_set_up(page, sign_in, transactional_db):
    staff = StaffFactory(email="newstaff@example.org", two_factor=False)
    sign_in(staff.email, PASSWORD)
    # Signed in, but every staff page (My Account and the admin too) sends them to set up
    # TOTP first, and that starts with a link emailed to the account: the password alone
    # does not enrol an authenticator.
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.goto("/staff/admin/")
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert "/staff/admin/" not in page.url.split("?")[0]
    page.get_by_role("button", name="Email me the link").click()
    expect(page.get_by_text("We have sent a link to newstaff@example.org")).to_be_visible()
    from django.core import mail

    link = re.search(r"http://[^/\s]+(/account/two-factor/enrol/\S+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    page.get_by_role("button", name="Continue").click()
    # allauth asks for the password again before showing a new secret.
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    page.goto("/account/staff/pro-se/")
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    page.goto("/staff/admin/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()

    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    # allauth shows the recovery codes once TOTP is active; wait for that answer before
    # leaving, or the next navigation can cancel the activation's POST.
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    page.goto("/staff/admin/")
    expect(page.get_by_role("heading", name="Curation")).to_be_visible()
