"""Sign-in protections (SECURITY S8, S9): rate limits by IP and by account, reset without
enumeration, session rotation at sign-in, sign-out ending the session."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import KNOWN_SECRET, totp_code
from tests.factories import PASSWORD, AttorneyFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts"


def _login(client, email, password, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def test_failed_logins_are_limited_per_ip_even_with_a_spoofed_forwarded_for():
    victim = AttorneyFactory()
    client = Client(REMOTE_ADDR="203.0.113.7")
    # Ten wrong passwords for ten different accounts, each claiming another origin.
    for n in range(10):
        response = _login(
            client, f"guess{n}@example.net", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()
    # The eleventh try from the same address is refused, even with the right password.
    response = _login(client, victim.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert _login(other, victim.email, PASSWORD).status_code == 302


def test_failed_logins_are_limited_per_account_across_addresses():
    victim = AttorneyFactory()
    for n in range(5):
        response = _login(Client(REMOTE_ADDR=f"198.51.100.{n}"), victim.email, "wrong")
        assert LOCKED not in response.content.decode()
    # The account is locked for everyone, even with the right password from a new address.
    client = Client(REMOTE_ADDR="192.0.2.50")
    response = _login(client, victim.email, PASSWORD)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_all_login_requests_are_limited_per_ip():
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [
        _login(client, "x@example.net", "", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(31)
    ]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def _without_csrf(content: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def test_password_reset_looks_the_same_for_unknown_and_known_addresses():
    AttorneyFactory(email="known@example.net")
    known = Client().post(
        reverse("account_reset_password"), {"email": "known@example.net"}, follow=True
    )
    unknown = Client().post(
        reverse("account_reset_password"), {"email": "unknown@example.net"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    assert known.redirect_chain[-1][0] == reverse("account_reset_password_done")
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf(known.content) == _without_csrf(unknown.content)
    # Both addresses get an email (the unknown one is told no account exists), so even the
    # mailbox timing does not tell them apart; only the known one gets a reset link.
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.net", "unknown@example.net"]
    reset = next(m for m in mail.outbox if m.to == ["known@example.net"])
    assert "/accounts/password/reset/key/" in reset.body
    nope = next(m for m in mail.outbox if m.to == ["unknown@example.net"])
    assert "/accounts/password/reset/key/" not in nope.body


def test_the_session_is_rotated_at_sign_in():
    attorney = AttorneyFactory()
    client = Client()
    client.get(reverse("account_login"))
    client.session["probe"] = "x"
    session = client.session
    session["probe"] = "before"
    session.save()
    before = client.cookies["sessionid"].value
    assert _login(client, attorney.email, PASSWORD).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get(reverse("accounts:my_account")).status_code == 200


def test_sign_out_ends_the_session():
    attorney = AttorneyFactory()
    client = Client()
    _login(client, attorney.email, PASSWORD)
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    # Replaying the old cookie does not get back in.
    replay = Client()
    replay.cookies["sessionid"] = key
    response = replay.get(reverse("accounts:my_account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sign_out_by_get_only_asks_for_confirmation():
    attorney = AttorneyFactory()
    client = Client()
    _login(client, attorney.email, PASSWORD)
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("accounts:my_account")).status_code == 200


def test_staff_sign_in_needs_the_second_factor(make_user):
    staff = make_user("staff", two_factor=False)
    TOTP.activate(staff, KNOWN_SECRET)
    client = Client()
    response = _login(client, staff.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:staff_follow_ups")).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:staff_follow_ups")).status_code == 200


def test_admin_login_hands_over_to_allauth():
    response = Client().get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sign_in_switches_to_the_persons_preferred_language():
    from tests.factories import ProSeFactory

    registrant = ProSeFactory(preferred_language="es")
    client = Client()
    response = _login(client, registrant.email, PASSWORD)
    assert response.cookies["django_language"].value == "es"
    page = client.get(reverse("accounts:my_account")).content.decode()
    assert "Mi cuenta" in page
    assert "Ayuda de CGRS" in page
