"""Every email a pro se person can receive reaches a Spanish reader in Spanish: text and HTML,
"usted", signed by CGRS's TA program, whatever the language of the browser that caused it.

The emails come from our own templates (templates/account/email/), not allauth's, whose Spanish
catalogue leaves these messages in English and speaks of "user X" registering.
"""

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import Role, User
from tests.cgrs.test_glossary import TU_FORMS
from tests.factories import ProSeFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase-2026"
ENGLISH = ("Hello", "You're receiving", "You are receiving", "If it was", "password", "Thank you")


def _signup(client, email="ana@example.net", language="es"):
    return client.post(
        reverse("account_signup_type", kwargs={"account_type": "pro_se"}),
        {
            "full_name": "Ana",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "preferred_language": language,
        },
    )


def _assert_spanish(message, *, subject: str, says: str, link: str):
    assert message.subject == f"[CGRS TA] {subject}"
    html = dict((kind, body) for body, kind in message.alternatives)["text/html"]
    assert '<html lang="es">' in html
    for body in (message.body, html):
        body = re.sub(r"https?://[^\s<\"]+", "", body)
        assert "Hola:" in body
        assert says in body
        assert "El Programa de Asistencia Técnica" in body
        assert "Centro de Estudios de Género y Refugiados" in body
        for english in ENGLISH:
            assert english not in body, english
        assert not TU_FORMS.search(body)
    assert re.search(rf"http://testserver{re.escape(link)}\S*", message.body)


def test_the_sign_up_confirmation(client):
    client.cookies["django_language"] = "es"
    _signup(client)
    (message,) = mail.outbox
    _assert_spanish(
        message,
        subject="Confirme su dirección de correo electrónico",
        says="Gracias por registrarse en Asistencia Técnica de CGRS",
        link="/accounts/confirm-email/",
    )


def test_the_confirmation_sent_again_follows_the_account_not_the_browser(client):
    with time_machine.travel("2026-12-01 10:00:00+00:00", tick=False):
        client.cookies["django_language"] = "es"
        _signup(client)
    mail.outbox.clear()
    client.cookies["django_language"] = "en"
    with time_machine.travel("2026-12-01 10:05:00+00:00", tick=False):
        client.post(reverse("accounts:resend_verification"), {"email": "ana@example.net"})
    (message,) = mail.outbox
    _assert_spanish(
        message,
        subject="Confirme su dirección de correo electrónico",
        says="Para confirmar que es suya, abra este enlace:",
        link="/accounts/confirm-email/",
    )


def test_the_password_reset_asked_for_from_an_english_browser(client):
    person = ProSeFactory(email="luis@example.net", preferred_language="es")
    assert person.account_type == Role.PRO_SE
    client.post(reverse("account_reset_password"), {"email": "luis@example.net"})
    (message,) = mail.outbox
    _assert_spanish(
        message,
        subject="Elija una contraseña nueva",
        says="Para elegir una contraseña nueva, abra este enlace:",
        link="/accounts/password/reset/key/",
    )


def test_registering_again_with_the_same_address(client):
    ProSeFactory(email="luis@example.net", preferred_language="es")
    _signup(client, email="luis@example.net", language="en")
    (message,) = mail.outbox
    _assert_spanish(
        message,
        subject="Ya tiene una cuenta",
        says="pero ya hay una cuenta con ella",
        link="/accounts/password/reset/",
    )
    assert User.objects.filter(email="luis@example.net").count() == 1


def test_a_reset_for_an_address_with_no_account_follows_the_page(client):
    client.cookies["django_language"] = "es"
    client.post(reverse("account_reset_password"), {"email": "nadie@example.net"})
    (message,) = mail.outbox
    _assert_spanish(
        message,
        subject="Ninguna cuenta usa esta dirección de correo",
        says="pero ninguna cuenta la usa",
        link="/accounts/signup/",
    )


def test_an_english_reader_still_gets_english(client):
    ProSeFactory(email="sam@example.net", preferred_language="en")
    client.cookies["django_language"] = "es"
    client.post(reverse("account_reset_password"), {"email": "sam@example.net"})
    (message,) = mail.outbox
    assert message.subject == "[CGRS TA] Choose a new password"
    assert "To choose a new password, open this link:" in message.body
    assert "The Technical Assistance Program" in message.body
