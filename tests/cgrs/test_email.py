"""Every email: from the TA program, signed by it, text and HTML with the same words, links
from the configured site address, in the reader's language."""

from django.core import mail
from django.urls import reverse

from cgrs.email import send_email
from tests.factories import AttorneyFactory


def _check_branded(message, site):
    assert message.from_email.startswith("CGRS Technical Assistance")
    assert "The Technical Assistance Program" in message.body
    assert "Center for Gender & Refugee Studies" in message.body
    assert site in message.body
    html = dict((kind, body) for body, kind in message.alternatives)["text/html"]
    assert "CGRS Technical Assistance" in html and f'href="{site}' in html
    for line in ("Hello from", "Thank you for using", "example.com"):
        assert line not in message.body


def test_our_own_email_is_signed_with_links_from_site_url(settings, db):
    settings.SITE_URL = "http://127.0.0.1:8123"
    send_email(
        to=["staff@example.org"],
        subject="A new document is waiting",
        template="documents/email/new_document.txt",
        context={"queue_url": "http://127.0.0.1:8123" + reverse("documents:staff_queue")},
    )
    (message,) = mail.outbox
    _check_branded(message, "http://127.0.0.1:8123")
    assert message.subject == "[CGRS TA] A new document is waiting"


def test_in_the_readers_language(settings, db):
    settings.SITE_URL = "http://127.0.0.1:8123"
    send_email(
        to=["x@example.org"],
        subject="x",
        template="documents/email/new_document.txt",
        context={"queue_url": "u"},
        language="es",
    )
    assert "Programa de Asistencia Técnica" in mail.outbox[0].body


def test_allauths_emails_use_the_same_layout(client, settings, db):
    settings.SITE_URL = "http://testserver"
    person = AttorneyFactory(email="counsel@example.net")
    client.post(reverse("account_reset_password"), {"email": person.email})
    (message,) = mail.outbox
    _check_branded(message, "http://testserver")
    assert "Hello," in message.body
