"""The language links in every page's header (GOV.UK language navigation)."""

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import ProSeFactory


def _choose(client, code, next_url="/faq/"):
    return client.get(reverse("accounts:choose_language", args=[code]), {"next": next_url})


def test_a_visitor_chooses_spanish_and_the_pages_follow(db):
    client = Client()
    response = _choose(client, "es")
    assert response.status_code == 302 and response["Location"] == "/faq/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get("/faq/").content.decode()
    assert '<html lang="es"' in page
    assert "Preguntas frecuentes" in page


def test_the_choice_is_kept_on_the_account(db):
    person = ProSeFactory(preferred_language="en")
    client = Client()
    client.force_login(person)
    _choose(client, "es")
    person.refresh_from_db()
    assert person.preferred_language == "es"


def test_next_never_leaves_the_site_and_unknown_languages_change_nothing(db):
    client = Client()
    assert _choose(client, "es", "https://evil.example/")["Location"] == "/"
    assert _choose(client, "es", "//evil.example/")["Location"] == "/"
    fresh = Client()
    response = _choose(fresh, "xx")
    assert response["Location"] == "/faq/"
    assert settings.LANGUAGE_COOKIE_NAME not in fresh.cookies


def test_every_page_has_the_language_navigation(db):
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    nav = re.search(r'<nav class="language-nav" aria-label="[^"]+">(.*?)</nav>', page, re.S)
    assert nav, "no language navigation"
    assert re.search(r'aria-current="true" lang="en">English<', nav[1])
    link = re.search(r'<a href="([^"]+)" lang="es" hreflang="es"', nav[1])
    assert link and link[1].startswith(reverse("accounts:choose_language", args=["es"]))
