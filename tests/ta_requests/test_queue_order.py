"""The queue's order, pinned over a table of requests: overdue first, then by deadline
(none last), then oldest first, then by id."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ta_requests import selectors
from ta_requests.business_days import first_response_due
from ta_requests.models import TARequest
from tests.ta_requests.factories import TARequestFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)  # a Wednesday

# name, asked (days before today), deadline (days from today or None), status, responded
TABLE = [
    ("fresh-no-deadline", 0, None, "received", False),
    ("overdue-late-deadline", 6, 60, "received", False),
    ("answered-soon", 3, 5, "answered", True),
    ("overdue-no-deadline", 9, None, "in_progress", False),
    ("waiting-old-no-clock", 20, 30, "waiting", False),
    ("responded-deadline-tomorrow", 2, 1, "in_progress", True),
    ("fresh-deadline-tomorrow", 0, 1, "received", False),
    ("closed-old", 30, None, "closed", True),
    ("twin-a", 1, 10, "received", False),
    ("twin-b", 1, 10, "received", False),
]

EXPECTED = [
    "overdue-late-deadline",  # overdue, deadline in 60 days
    "overdue-no-deadline",  # overdue, no deadline
    "responded-deadline-tomorrow",  # deadline tomorrow, asked earlier
    "fresh-deadline-tomorrow",  # deadline tomorrow, asked today
    "answered-soon",
    "twin-a",  # same deadline and day: the id decides
    "twin-b",
    "waiting-old-no-clock",  # waiting: never overdue
    "closed-old",  # no deadline, oldest first
    "fresh-no-deadline",
]


def _make_table():
    names = {}
    for name, asked_days_ago, deadline_in, status, responded in TABLE:
        asked = TODAY - timedelta(days=asked_days_ago)
        ta_request = TARequestFactory(
            status=status,
            deadline_on=TODAY + timedelta(days=deadline_in) if deadline_in is not None else None,
            deadline_kind="filing" if deadline_in is not None else "",
            first_response_due_on=first_response_due(asked),
            first_responded_at=timezone.now() if responded else None,
        )
        TARequest.objects.filter(pk=ta_request.pk).update(
            created_at=timezone.make_aware(
                timezone.datetime(asked.year, asked.month, asked.day, 12)
            )
        )
        names[ta_request.pk] = name
    return names


def test_the_queue_order_is_pinned():
    with time_machine.travel("2026-03-11 18:00Z", tick=False):
        names = _make_table()
        ordered = [names[r.pk] for r in selectors.queue(today=TODAY)]
    assert ordered == EXPECTED


def test_the_queue_page_shows_that_order_with_days_left_in_words(client_for):
    with time_machine.travel("2026-03-11 18:00Z", tick=False):
        names = _make_table()
        client = client_for("staff")
        html = client.get(reverse("ta_requests:staff_queue")).content.decode()
    positions = [html.index(f'data-ta-request="{pk}"') for pk in names]
    shown = [names[pk] for _, pk in sorted(zip(positions, names, strict=True))]
    assert shown == EXPECTED
    assert "Overdue by 5 business days" in html  # overdue-no-deadline, due March 4
    assert "In 1 day" in html
    assert "Clock paused: waiting for the attorney" in html
