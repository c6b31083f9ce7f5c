"""SECURITY S1: every URL x every principal gets its expected status."""

from importlib import import_module

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.url_matrix import PRINCIPALS, TABLES, Route, World

# Whole namespaces tested by their own rules below rather than row by row.
ADMIN_NAMESPACE = "admin"
# Django's own plumbing with no page of its own.
IGNORED = {"set_language", "javascript-catalog"}


def _routes() -> list[Route]:
    routes: list[Route] = []
    for dotted in TABLES:
        routes.extend(import_module(dotted).ROUTES)
    return routes


def _named_patterns(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _named_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


ROUTES = _routes()


def test_every_url_is_in_the_matrix():
    patterns = {
        name
        for name in _named_patterns(get_resolver())
        if not name.startswith(f"{ADMIN_NAMESPACE}:") and name not in IGNORED
    }
    listed = {route.name for route in ROUTES}
    assert not patterns - listed, f"URLs missing from the role matrix: {sorted(patterns - listed)}"
    assert not listed - patterns, (
        f"Matrix rows for URLs that no longer exist: {sorted(listed - patterns)}"
    )


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name + (f"?{r.query}" if r.query else ""))
@pytest.mark.parametrize("principal", PRINCIPALS)
def test_route_status(route, principal, users, client_for):
    world = World(users=users)
    url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
    if route.query:
        url = f"{url}?{route.query}"
    response = getattr(client_for(principal), route.method)(url, **route.extra)
    assert response.status_code == route.expect[principal], (
        f"{principal} {route.method.upper()} {url}: got {response.status_code}, "
        f"expected {route.expect[principal]}"
    )


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_admin_is_staff_only(principal, client_for):
    response = client_for(principal).get(reverse("admin:index"))
    if principal == "staff":
        assert response.status_code == 200
    elif principal == "anonymous":
        # The admin's own login page hands over to allauth's (rate limits, one sign-in page).
        assert response.status_code == 302
        handover = client_for(principal).get(response["Location"])
        assert handover.status_code == 302
        assert handover["Location"].startswith(reverse("account_login"))
    else:
        # Sent to the admin login, which refuses a signed-in non-staff user outright.
        assert response.status_code == 302
        assert client_for(principal).get(response["Location"]).status_code == 403


def test_admin_changelists_open_for_staff(client_for):
    from django.contrib import admin

    client = client_for("staff")
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_staff_without_two_factor_cannot_open_admin(make_user, client):
    staff = make_user("staff", two_factor=False)
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
