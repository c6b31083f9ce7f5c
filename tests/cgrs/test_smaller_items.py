"""Issue 14, item 8: the smaller holes found from outside."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.cgrs.test_deployment import _shipped_settings
from tests.factories import PASSWORD, AttorneyFactory

pytestmark = pytest.mark.django_db


def test_sign_in_messages_do_not_travel_in_a_cookie():
    attorney = AttorneyFactory(email="dana@example.net")
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": attorney.email, "password": PASSWORD}, follow=True
    )
    assert "Successfully signed in" in response.content.decode()
    assert "messages" not in client.cookies
    assert all("dana@example.net" not in morsel.value for morsel in client.cookies.values())


def test_the_language_cookie_is_secure_in_production():
    shipped = _shipped_settings()
    assert shipped["language_cookie_secure"] is True


@pytest.mark.parametrize("principal", ["anonymous", "attorney"])
@override_settings(DEBUG=True)
def test_a_missing_page_with_debug_on_is_the_normal_404_page(client_for, principal):
    response = client_for(principal).get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "URLconf" not in page and "Django tried these URL patterns" not in page
    assert "Page not found" in page or "not found" in page.lower()
    assert response["Content-Security-Policy"]
