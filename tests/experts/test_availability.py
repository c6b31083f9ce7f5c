"""'Accepting new cases' stays true: it lapses to unknown after 90 days without a
reconfirmation; a week before, the keeper is emailed a signed, expiring one-click link that
shows a button on GET and reconfirms only on POST."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from experts.models import Availability, EventKind, ListingEvent
from experts.services.availability import reconfirm_token
from experts.tasks import availability_sweep
from tests.experts.factories import ListingFactory
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _reconfirm_link() -> str:
    [message] = [m for m in mail.outbox if "still accepting" in m.subject]
    return re.search(r"http://\S+/experts/reconfirm/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run the beat task as a worker would: its enqueued reminders go out at commit."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return availability_sweep()

    return run


def test_the_flag_lapses_after_90_days_and_the_reminder_comes_a_week_before(sweep):
    with time_machine.travel(START, tick=False):
        expert = ExpertFactory(email="busy-expert@example.net")
        listing = ListingFactory(owner=expert, availability_confirmed_at=timezone.now())
    with time_machine.travel(START + dt.timedelta(days=82), tick=False):
        assert sweep() == {"lapsed": 0, "reminders": 0}
        assert mail.outbox == []
    with time_machine.travel(START + dt.timedelta(days=84), tick=False):
        assert sweep() == {"lapsed": 0, "reminders": 1}
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["busy-expert@example.net"]
        # Running again sends nothing more.
        assert sweep() == {"lapsed": 0, "reminders": 0}
        assert len(mail.outbox) == 1
    with time_machine.travel(START + dt.timedelta(days=90, hours=1), tick=False):
        # Even before the sweep runs, the search no longer counts it as accepting.
        listing.refresh_from_db()
        assert not listing.accepting_now
        assert sweep()["lapsed"] == 1
        listing.refresh_from_db()
        assert listing.availability == Availability.UNKNOWN
        assert ListingEvent.objects.filter(
            listing=listing, kind=EventKind.AVAILABILITY_LAPSED
        ).exists()
        assert sweep()["lapsed"] == 0


def test_the_link_shows_a_button_on_get_and_reconfirms_on_post(sweep):
    with time_machine.travel(START, tick=False):
        listing = ListingFactory(availability_confirmed_at=timezone.now())
    with time_machine.travel(START + dt.timedelta(days=85), tick=False):
        sweep()
        path = _path(_reconfirm_link())
        client = Client()  # not signed in: the signed link is the key
        response = client.get(path)
        assert response.status_code == 200
        assert b"Yes, still accepting new cases" in response.content
        listing.refresh_from_db()
        # SECURITY: a GET (mail scanners, link previews) changes nothing.
        assert listing.availability_confirmed_at == START
        response = client.post(path)
        assert response.status_code == 200
        listing.refresh_from_db()
        assert listing.availability == Availability.ACCEPTING
        assert listing.availability_confirmed_at == START + dt.timedelta(days=85)
        # The link is spent: it named the confirmation it renewed.
        assert client.get(path).status_code == 404
    with time_machine.travel(START + dt.timedelta(days=85 + 89), tick=False):
        listing.refresh_from_db()
        assert listing.accepting_now


def test_a_late_click_after_the_lapse_still_restores_the_flag(sweep):
    with time_machine.travel(START, tick=False):
        listing = ListingFactory(availability_confirmed_at=timezone.now())
    with time_machine.travel(START + dt.timedelta(days=84), tick=False):
        sweep()
        path = _path(_reconfirm_link())
    with time_machine.travel(START + dt.timedelta(days=95), tick=False):
        sweep()
        listing.refresh_from_db()
        assert listing.availability == Availability.UNKNOWN
        assert Client().post(path).status_code == 200
        listing.refresh_from_db()
        assert listing.accepting_now


def test_the_link_expires():
    with time_machine.travel(START, tick=False):
        listing = ListingFactory(availability_confirmed_at=timezone.now())
        token = reconfirm_token(listing)
    with time_machine.travel(START + dt.timedelta(days=22), tick=False):
        response = Client().post(reverse("experts:reconfirm", args=[token]))
        assert response.status_code == 404
        listing.refresh_from_db()
        assert listing.availability_confirmed_at == START


def test_a_forged_or_tampered_link_does_nothing():
    listing = ListingFactory()
    token = reconfirm_token(listing)
    other = ListingFactory()
    # Another listing's payload under this token's timestamp and signature.
    other_payload = reconfirm_token(other).rsplit(":", 2)[0]
    tampered = ":".join([other_payload, *token.rsplit(":", 2)[1:]])
    assert tampered != token
    for bad in ("nonsense", tampered, token[:-2] + "xx"):
        assert Client().post(reverse("experts:reconfirm", args=[bad])).status_code == 404


def test_the_link_stops_working_once_the_expert_says_not_accepting():
    listing = ListingFactory()
    token = reconfirm_token(listing)
    listing.availability = Availability.NOT_ACCEPTING
    listing.availability_confirmed_at = timezone.now()
    listing.save()
    assert Client().post(reverse("experts:reconfirm", args=[token])).status_code == 404
    listing.refresh_from_db()
    assert listing.availability == Availability.NOT_ACCEPTING


def test_the_expert_reconfirms_from_their_listing(client_for, users, sweep):
    with time_machine.travel(START, tick=False):
        listing = ListingFactory(owner=users["expert"], availability_confirmed_at=timezone.now())
    with time_machine.travel(START + dt.timedelta(days=100), tick=False):
        sweep()
        client = client_for("expert")
        assert b"Availability unknown" in client.get(reverse("experts:my_listing")).content
        response = client.post(reverse("experts:confirm_availability"))
        assert response.status_code == 302
        listing.refresh_from_db()
        assert listing.accepting_now
