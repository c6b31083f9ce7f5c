"""Fixtures shared by the whole suite: one signed-in person per role."""

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.factories import FACTORY_FOR_ROLE

# Each checkout gets its own temporary root: pytest keeps only the newest three runs under
# /tmp/pytest-of-<user>, so two checkouts testing at once would delete each other's files
# (an embedded PostgreSQL under test among them). Short, for Unix socket path limits.
_checkout = hashlib.sha256(str(Path(__file__).resolve().parent).encode()).hexdigest()[:6]
os.environ.setdefault(
    "PYTEST_DEBUG_TEMPROOT", str(Path(tempfile.gettempdir()) / f"cgrs-{_checkout}")
)
Path(os.environ["PYTEST_DEBUG_TEMPROOT"]).mkdir(exist_ok=True)

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


@pytest.fixture(autouse=True)
def _english_to_start():
    # LocaleMiddleware activates a request's language for the thread and leaves it active:
    # after a test that asks for a page in Spanish, a message built outside a request would
    # come out in Spanish in whichever test runs next on that worker.
    translation.deactivate()
    yield
    translation.deactivate()


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
