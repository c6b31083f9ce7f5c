"""A staff account without two-factor cannot enrol it with only its password: an emailed
link, opened in the same session, comes first (issue 14, item 8)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"http://testserver(/account/two-factor/enrol/[^\s]+/)", message.body)[1]


@pytest.fixture
def staff_without_two_factor():
    staff = StaffFactory(two_factor=False, email="staff@cgrs.example")
    client = Client()
    client.force_login(staff)
    return staff, client


def test_the_activation_page_waits_for_the_emailed_confirmation(staff_without_two_factor):
    _staff, client = staff_without_two_factor
    # Any staff page leads to two-factor setup, which first asks for the emailed link.
    response = client.get(reverse("cases:staff_list"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:two_factor_enrolment")
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"] == reverse("accounts:two_factor_enrolment")

    client.post(reverse("accounts:two_factor_enrolment"))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["staff@cgrs.example"]
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a button; GET confirms nothing
    assert client.get(reverse("mfa_activate_totp"))["Location"] == reverse(
        "accounts:two_factor_enrolment"
    )
    response = client.post(link)
    assert response["Location"] == reverse("mfa_activate_totp")
    # Now allauth's own page (which asks for a fresh sign-in first) is reached.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.get("Location", "") != reverse("accounts:two_factor_enrolment")


def test_the_link_does_not_work_in_another_session(staff_without_two_factor):
    staff, client = staff_without_two_factor
    client.post(reverse("accounts:two_factor_enrolment"))
    link = _link(mail.outbox[0])
    # Whoever holds the password signs in elsewhere; the link the owner got is not theirs.
    intruder = Client()
    intruder.force_login(staff)
    intruder.post(reverse("accounts:two_factor_enrolment"))
    response = intruder.post(link)
    assert response["Location"] == reverse("accounts:two_factor_enrolment")
    assert intruder.get(reverse("mfa_activate_totp"))["Location"] == reverse(
        "accounts:two_factor_enrolment"
    )


def test_a_forged_link_confirms_nothing(staff_without_two_factor):
    _staff, client = staff_without_two_factor
    client.post(reverse("accounts:two_factor_enrolment"))
    response = client.post(reverse("accounts:two_factor_confirm", args=["forged.token.value"]))
    assert response["Location"] == reverse("accounts:two_factor_enrolment")
    assert client.get(reverse("mfa_activate_totp"))["Location"] == reverse(
        "accounts:two_factor_enrolment"
    )
