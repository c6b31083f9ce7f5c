"""Fixtures shared by the whole suite: one signed-in person per role."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import FACTORY_FOR_ROLE

# The suite-wide identifier sentinel: no client identifier in any log record, email or task
# argument of the whole run (S11, S19).
pytest_plugins = ["tests.sentinel_plugin"]

ROLES = ["attorney", "pro_se", "expert", "clinic", "staff"]
PRINCIPALS = ["anonymous", *ROLES]


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache; one test must not throttle the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(role: str, **fields):
        return FACTORY_FOR_ROLE[role](**fields)

    return make


@pytest.fixture
def users(make_user):
    """One user per role, email verified (staff with two-factor set up)."""
    return {role: make_user(role) for role in ROLES}


@pytest.fixture
def client_for(users):
    """`client_for("attorney")` is a client signed in as that role's user."""

    def make(principal: str) -> Client:
        client = Client()
        if principal != "anonymous":
            client.force_login(users[principal])
        return client

    return make


@pytest.fixture
def attorney_client(client_for):
    return client_for("attorney")


@pytest.fixture
def staff_client(client_for):
    return client_for("staff")
