"""The 403, 404 and 500 pages speak the reader's language, lang attribute included."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from cgrs.errors import server_error


@pytest.mark.parametrize(
    ("principal", "url", "status", "spanish"),
    [
        ("pro_se", "cases:list", 403, "No tiene acceso a esta página"),
        ("anonymous", None, 404, "Página no encontrada"),
    ],
)
def test_refusals_in_spanish(client_for, principal, url, status, spanish):
    path = reverse(url) if url else "/no-such-page/"
    response = client_for(principal).get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="es"' in html and spanish in html


def test_the_500_page_in_spanish():
    # Django calls the handler with the language the middleware activated for the request.
    with translation.override("es"):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="es"' in html and "Algo salió mal" in html
