"""Session lifetimes and activity (SECURITY S9), by travelling in time: the idle and the
absolute timeout end a session, activity keeps it alive up to the absolute limit,
deactivation ends it, and an active session is written at most once a minute."""

import datetime

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import REFRESH_SECONDS
from tests.factories import PASSWORD, AttorneyFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(clock):
    attorney = AttorneyFactory()
    client = Client(HTTP_USER_AGENT="Firefox/140")
    response = client.post(
        reverse("account_login"), {"login": attorney.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def _opens(client) -> bool:
    response = client.get(reverse("accounts:my_account"))
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    return False


def _session(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_an_idle_session_ends_after_the_idle_limit(signed_in, clock):
    assert _opens(signed_in)
    clock.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE) + 2 * MINUTE)
    assert not _opens(signed_in)


def test_a_session_idle_just_under_the_limit_lives_on(signed_in, clock):
    assert _opens(signed_in)
    clock.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE) - 2 * MINUTE)
    assert _opens(signed_in)


def test_activity_keeps_a_session_alive_until_the_absolute_limit(signed_in, clock):
    step = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE) - 5 * MINUTE
    elapsed = datetime.timedelta(0)
    absolute = datetime.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS)
    while elapsed + step < absolute:
        assert _opens(signed_in), f"signed out after {elapsed} of activity"
        clock.shift(step)
        elapsed += step
    clock.shift(absolute - elapsed + MINUTE)
    assert not _opens(signed_in)


def test_deactivating_an_account_ends_its_sessions(signed_in):
    assert _opens(signed_in)
    user = _session(signed_in).get_decoded()["_auth_user_id"]
    AttorneyFactory._meta.model.objects.filter(pk=user).update(is_active=False)
    assert not _opens(signed_in)


def test_an_active_session_is_written_at_most_once_a_minute(signed_in, clock):
    assert _opens(signed_in)
    expiry = _session(signed_in).expire_date
    clock.shift(datetime.timedelta(seconds=REFRESH_SECONDS - 5))
    with CaptureQueriesContext(connection) as queries:
        assert _opens(signed_in)
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == []
    assert _session(signed_in).expire_date == expiry

    clock.shift(datetime.timedelta(seconds=10))
    assert _opens(signed_in)
    assert _session(signed_in).expire_date == expiry + datetime.timedelta(
        seconds=REFRESH_SECONDS + 5
    )


def test_activity_is_recorded_with_the_refresh_and_at_once_for_a_new_browser(signed_in, clock):
    assert _opens(signed_in)
    tracked = UserSession.objects.get(session_key=signed_in.cookies["sessionid"].value)
    seen = tracked.last_seen_at
    clock.shift(datetime.timedelta(seconds=10))
    assert _opens(signed_in)
    tracked.refresh_from_db()
    assert tracked.last_seen_at == seen  # within the minute: nothing written

    clock.shift(MINUTE)
    assert _opens(signed_in)
    tracked.refresh_from_db()
    assert tracked.last_seen_at == START + MINUTE + datetime.timedelta(seconds=10)

    clock.shift(datetime.timedelta(seconds=5))
    signed_in.defaults["HTTP_USER_AGENT"] = "Chromium/156"
    assert _opens(signed_in)
    tracked.refresh_from_db()
    assert tracked.user_agent == "Chromium/156"
