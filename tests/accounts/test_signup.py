"""Registration: the account type first, then the form for it (allauth's signup beneath)."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import (
    ACCOUNT_TYPE_CHOICES,
    FollowUpStatus,
    Organization,
    ProSeFollowUp,
    Role,
    User,
)
from tests.factories import AttorneyFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase-2026"


def _url(account_type: str) -> str:
    return reverse("account_signup_type", kwargs={"account_type": account_type})


def _data(**overrides) -> dict:
    data = {
        "full_name": "Dana Advocate",
        "email": "dana@example.net",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "phone": "+1 (415) 555-0100",
        "preferred_language": "en",
        "organization_query": "",
        "organization": "",
        "new_organization_name": "",
        "new_organization_type": "",
        "new_organization_city": "",
        "new_organization_state": "",
    }
    data.update(overrides)
    return data


def test_choice_page_offers_the_four_types_with_the_guidance(client):
    page = client.get(reverse("account_signup")).content.decode()
    for account_type, label in ACCOUNT_TYPE_CHOICES:
        assert f'value="{account_type}"' in page
        assert str(label) in page
    assert "paralegals, accredited representatives, or law students" in page
    assert "Register as an attorney instead." in page
    assert "CGRS staff will reach out" in page


def test_choice_leads_to_the_form_for_that_type(client):
    response = client.get(reverse("account_signup"), {"account_type": "clinic"})
    assert response.status_code == 302
    assert response["Location"] == _url("clinic")


def test_an_unknown_choice_is_an_error_on_the_same_page(client):
    response = client.get(reverse("account_signup"), {"account_type": "admin"})
    assert response.status_code == 200
    assert "Choose the type of account you need." in response.content.decode()


def test_an_unknown_type_in_the_url_is_not_found(client):
    assert client.get("/accounts/signup/admin/").status_code == 404


def test_attorney_registers_with_an_existing_organization(
    client, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(name="Bay Area Asylum Project")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("attorney"), _data(organization=str(organization.pk)))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="dana@example.net")
    assert user.account_type == Role.ATTORNEY
    assert user.organization == organization
    assert not user.is_solo_practitioner
    assert user.full_name == "Dana Advocate"
    assert user.phone == "+1 (415) 555-0100"
    assert user.check_password(PASSWORD)
    assert not EmailAddress.objects.get(user=user).verified
    # The verification email, and nothing for staff (only pro se registrations notify them).
    assert [message.to for message in mail.outbox] == [["dana@example.net"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not ProSeFollowUp.objects.exists()


def test_other_registers_a_new_unverified_organization(client):
    response = client.post(
        _url("expert"),
        _data(
            organization="other",
            new_organization_name="  Tucson Country Conditions Institute ",
            new_organization_type="university",
            new_organization_city="Tucson",
            new_organization_state="AZ",
        ),
    )
    assert response.status_code == 302
    user = User.objects.get(email="dana@example.net")
    organization = user.organization
    assert user.account_type == Role.EXPERT
    assert organization.name == "Tucson Country Conditions Institute"
    assert (organization.type, organization.city, organization.state) == (
        "university",
        "Tucson",
        "AZ",
    )
    assert organization.verified is False
    assert organization.created_by == user


def test_solo_practitioner(client):
    client.post(_url("attorney"), _data(organization="solo"))
    user = User.objects.get(email="dana@example.net")
    assert user.is_solo_practitioner
    assert user.organization is None


def test_clinics_register_their_clinic_and_cannot_be_solo(client):
    page = client.get(_url("clinic")).content.decode()
    assert 'value="solo"' not in page
    assert "Your clinic or organization" in page
    response = client.post(_url("clinic"), _data(organization="solo"))
    assert response.status_code == 200
    assert not User.objects.exists()


def _errors_kept_everything(response, *expected_errors):
    assert response.status_code == 200
    page = response.content.decode()
    for error in expected_errors:
        assert error in page, error
    assert 'value="Dana Advocate"' in page
    assert 'value="dana@example.net"' in page
    assert not User.objects.filter(email="dana@example.net").exists()
    return page


def test_missing_organization(client):
    response = client.post(_url("attorney"), _data())
    _errors_kept_everything(
        response, "Choose your organization, &quot;(Other)&quot;, or &quot;Solo practitioner&quot;."
    )


def test_unknown_organization_id(client):
    response = client.post(_url("attorney"), _data(organization="987654321"))
    _errors_kept_everything(response, "We could not find that organization.")


def test_organization_that_is_not_a_number(client):
    response = client.post(_url("attorney"), _data(organization="1 OR 1=1"))
    _errors_kept_everything(response, "We could not find that organization.")


def test_other_without_its_details(client):
    response = client.post(
        _url("attorney"), _data(organization="other", new_organization_name="New Place")
    )
    page = _errors_kept_everything(
        response,
        "Choose the type of your organization.",
        "Enter the city of your organization.",
        "Choose the state of your organization.",
    )
    assert 'value="New Place"' in page
    assert not Organization.objects.filter(name="New Place").exists()


def _normalized(page: str, email: str) -> str:
    """The page with what legitimately differs between two requests taken out."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(re.escape(email), "EMAIL", page, flags=re.IGNORECASE)


@pytest.mark.parametrize("account_type", ["attorney", "pro_se"])
def test_signup_answers_the_same_for_a_known_and_an_unknown_address(client, account_type):
    """S17: a sign-up must not tell an outsider that an address has an account (for a pro se
    user that would say the person is an asylum seeker). The known address is told by email."""
    from django.test import Client

    organization = OrganizationFactory()
    AttorneyFactory(email="dana@example.net")
    extra = {} if account_type == "pro_se" else {"organization": str(organization.pk)}
    answers = {}
    for email in ("Dana@Example.net", "Newcomer@Example.net"):
        response = Client().post(_url(account_type), _data(email=email, **extra), follow=True)
        answers[email] = response
    known, unknown = answers["Dana@Example.net"], answers["Newcomer@Example.net"]
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert _normalized(known.content.decode(), "Dana@Example.net") == _normalized(
        unknown.content.decode(), "Newcomer@Example.net"
    )
    assert "already exists" not in known.content.decode()
    # Nothing was created for the known address; the person holding it is told by email.
    assert User.objects.filter(email__iexact="dana@example.net").count() == 1
    told = [m for m in mail.outbox if m.to == ["dana@example.net"]]
    assert len(told) == 1
    assert "an account already uses it" in told[0].body
    # The new address gets its verification link as usual.
    assert any(m.to == ["newcomer@example.net"] for m in mail.outbox)


@pytest.mark.parametrize("phone", ["call me", "12345", "+1 415 555 0100 0000 0000 99", "<script>"])
def test_malformed_phone(client, phone):
    organization = OrganizationFactory()
    response = client.post(_url("attorney"), _data(phone=phone, organization=str(organization.pk)))
    _errors_kept_everything(response, "Enter a phone number with 7 to 15 digits")


def test_search_button_without_javascript_lists_matches_and_keeps_answers(client):
    OrganizationFactory(name="Rio Grande Legal Defense")
    OrganizationFactory(name="Bay Area Asylum Project")
    response = client.post(
        _url("attorney"), _data(organization_query="rio", find_organizations="1")
    )
    assert response.status_code == 200
    page = response.content.decode()
    select = page[
        page.index('name="organization"') : page.index(
            "</select>", page.index('name="organization"')
        )
    ]
    assert "Rio Grande Legal Defense" in select
    assert "Bay Area Asylum Project" not in select
    assert 'value="Dana Advocate"' in page
    assert PASSWORD not in page  # passwords are never echoed back
    assert "There is a problem" not in page
    assert not User.objects.exists()


def test_chosen_organization_stays_listed_after_another_search(client):
    chosen = OrganizationFactory(name="Zephyr Immigration Clinic")
    response = client.post(
        _url("attorney"),
        _data(organization=str(chosen.pk), organization_query="bay", find_organizations="1"),
    )
    assert f'<option value="{chosen.pk}" selected>' in response.content.decode()


def test_pro_se_registration_notifies_staff_after_commit(
    client, django_capture_on_commit_callbacks
):
    hearing = datetime.date.today() + datetime.timedelta(days=40)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            _url("pro_se"),
            {
                "full_name": "María Sentinel-López",
                "email": "maria@example.net",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "preferred_language": "es",
                "phone": "",
                "country_of_origin": "GT",
                "upcoming_hearing": "yes",
                "hearing_date": hearing.isoformat(),
            },
        )
    assert response.status_code == 302
    assert callbacks, "the staff email waits for the commit"
    user = User.objects.get(email="maria@example.net")
    assert user.account_type == Role.PRO_SE
    assert user.organization is None and not user.is_solo_practitioner
    assert user.preferred_language == "es"
    follow_up = ProSeFollowUp.objects.get(user=user)
    assert follow_up.status == FollowUpStatus.NEW
    assert (follow_up.country_of_origin, follow_up.has_upcoming_hearing) == ("GT", True)
    assert follow_up.hearing_date == hearing
    assert follow_up.staff_notified_at is not None
    staff_mail = [m for m in mail.outbox if m.to == ["ta-staff@example.org"]]
    assert len(staff_mail) == 1
    text = staff_mail[0].subject + staff_mail[0].body
    assert "New pro se registration waiting" in staff_mail[0].subject
    assert reverse("accounts:staff_follow_ups") in text
    # SECURITY: no name, email, country or date of the registrant in the staff email.
    for secret in ["Sentinel", "maria@example.net", "Guatemala", "GT", hearing.isoformat()]:
        assert secret not in text


def test_pro_se_form_is_short_and_asks_no_organization(client):
    page = client.get(_url("pro_se")).content.decode()
    start = page.index('<form method="post"')
    form = page[start : page.index("</form>", start)]
    asked = set(re.findall(r'name="([a-z_0-9]+)"', form)) - {"csrfmiddlewaretoken"}
    assert asked == {
        "full_name",
        "email",
        "password1",
        "password2",
        "preferred_language",
        "phone",
        "country_of_origin",
        "upcoming_hearing",
        "hearing_date",
    }


def test_pro_se_only_name_email_and_password_are_required(client):
    response = client.post(
        _url("pro_se"),
        {
            "full_name": "Ana",
            "email": "ana@example.net",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    follow_up = ProSeFollowUp.objects.get(user__email="ana@example.net")
    assert follow_up.has_upcoming_hearing is None and follow_up.hearing_date is None


@pytest.mark.parametrize(
    ("answer", "days", "error"),
    [("no", 10, "You answered"), ("yes", -3, "This date has passed.")],
)
def test_pro_se_hearing_date_must_make_sense(client, answer, days, error):
    response = client.post(
        _url("pro_se"),
        {
            "full_name": "Ana",
            "email": "ana@example.net",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "preferred_language": "en",
            "upcoming_hearing": answer,
            "hearing_date": (datetime.date.today() + datetime.timedelta(days=days)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.exists()


def test_pro_se_path_is_in_spanish(client):
    client.cookies["django_language"] = "es"
    choose = client.get(reverse("account_signup")).content.decode()
    assert "Solicitante de asilo que se representa a sí mismo" in choose
    assert "¿Qué tipo de cuenta necesita?" in choose
    form = client.get(_url("pro_se")).content.decode()
    assert "Regístrese para recibir ayuda de CGRS" in form
    assert "Su nombre" in form
    assert "¿Tiene pronto una audiencia en la corte o una entrevista?" in form
    response = client.post(
        _url("pro_se"),
        {
            "full_name": "",
            "email": "x",
            "password1": "a",
            "password2": "b",
            "preferred_language": "es",
        },
    )
    assert "Hay un problema" in response.content.decode()


def test_verification_page_says_what_happens_next_for_pro_se(client):
    client.post(
        _url("pro_se"),
        {
            "full_name": "Ana",
            "email": "ana@example.net",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "preferred_language": "en",
        },
    )
    page = client.get(reverse("account_email_verification_sent")).content.decode()
    assert "CGRS staff will contact you" in page
    assert reverse("self_help") in page
    assert reverse("accounts:resend_verification") in page


def test_unverified_registrant_cannot_sign_in_until_they_verify(client):
    organization = OrganizationFactory()
    client.post(_url("attorney"), _data(organization=str(organization.pk)))
    other = type(client)()
    response = other.post(
        reverse("account_login"), {"login": "dana@example.net", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert other.get(reverse("accounts:my_account")).status_code == 302


def test_verifying_the_email_signs_in_and_opens_my_account(client):
    organization = OrganizationFactory()
    client.post(_url("attorney"), _data(organization=str(organization.pk)))
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body)
    page = client.get(link.group(1))
    assert page.status_code == 200
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:my_account")
    my_account = client.get(response["Location"])
    assert my_account.status_code == 200
    assert "Dana Advocate" in my_account.content.decode()


def test_resend_looks_the_same_for_known_and_unknown_addresses(client):
    organization = OrganizationFactory()
    client.post(_url("attorney"), _data(organization=str(organization.pk)))
    mail.outbox.clear()
    known = client.post(
        reverse("accounts:resend_verification"), {"email": "dana@example.net"}, follow=True
    )
    unknown = client.post(
        reverse("accounts:resend_verification"), {"email": "nobody@example.net"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    for response in (known, unknown):
        assert "If that address is waiting to be verified" in response.content.decode()
    # allauth's per-address cooldown: the link sent at signup is still valid, so a resend
    # within three minutes sends nothing new; after the cooldown it does.
    assert mail.outbox == []


def test_resend_after_the_cooldown_sends_a_new_link(client, settings):
    import time_machine

    organization = OrganizationFactory()
    with time_machine.travel("2026-12-01 10:00:00+00:00", tick=False):
        client.post(_url("attorney"), _data(organization=str(organization.pk)))
    mail.outbox.clear()
    with time_machine.travel("2026-12-01 10:05:00+00:00", tick=False):
        client.post(reverse("accounts:resend_verification"), {"email": "dana@example.net"})
    assert [m.to for m in mail.outbox] == [["dana@example.net"]]


HOSTILE = [
    "",
    " ",
    "\x00",
    "²",
    "-1",
    "1e3",
    "<script>alert(1)</script>",
    "9" * 400,
    "%00",
    "../../etc/passwd",
]


@pytest.mark.parametrize("account_type", ["attorney", "pro_se", "clinic"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_in_every_field_never_give_a_500(client, account_type, value):
    fields = [
        "full_name",
        "email",
        "phone",
        "preferred_language",
        "organization",
        "organization_query",
        "new_organization_type",
        "new_organization_state",
        "country_of_origin",
        "upcoming_hearing",
        "hearing_date",
    ]
    data = {name: value for name in fields}
    data.update(password1=PASSWORD, password2=PASSWORD)
    response = client.post(_url(account_type), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    search = client.post(_url(account_type), {**data, "find_organizations": "1"})
    assert search.status_code == 200
    assert not User.objects.exists()
