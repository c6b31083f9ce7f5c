"""The first-response clock: two business days, without weekends and US federal holidays,
paused while the request waits for the attorney."""

from datetime import date

import pytest
import time_machine

from ta_requests import services
from ta_requests.business_days import (
    add_business_days,
    business_days_between,
    federal_holidays,
    first_response_due,
)
from ta_requests.models import RequestStatus
from ta_requests.services import StaffAction
from tests.ta_requests.factories import TARequestFactory


def test_federal_holidays_of_2026_with_their_observed_days():
    assert federal_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 1, 19),  # MLK Day
        date(2026, 2, 16),  # Washington's Birthday
        date(2026, 5, 25),  # Memorial Day
        date(2026, 6, 19),
        date(2026, 7, 3),  # July 4 is a Saturday: observed Friday
        date(2026, 9, 7),  # Labor Day
        date(2026, 10, 12),  # Columbus Day
        date(2026, 11, 11),
        date(2026, 11, 26),  # Thanksgiving
        date(2026, 12, 25),
    }


def test_new_years_day_on_a_saturday_is_observed_the_friday_before():
    # January 1, 2028 is a Saturday.
    assert date(2027, 12, 31) in federal_holidays(2027)


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (date(2026, 3, 2), date(2026, 3, 4)),  # Monday -> Wednesday
        (date(2026, 3, 5), date(2026, 3, 9)),  # Thursday -> Monday (weekend skipped)
        (date(2026, 3, 7), date(2026, 3, 10)),  # Saturday -> Tuesday
        (date(2026, 11, 25), date(2026, 11, 30)),  # Wed before Thanksgiving -> Monday
        (date(2026, 12, 24), date(2026, 12, 29)),  # Christmas Friday and the weekend
    ],
)
def test_first_response_is_due_two_business_days_later(submitted, due):
    assert first_response_due(submitted) == due


def test_business_days_between_counts_neither_weekends_nor_holidays():
    # Friday Jan 16 to Tuesday Jan 20, 2026: the weekend and MLK Day (Jan 19) skipped.
    assert business_days_between(date(2026, 1, 16), date(2026, 1, 20)) == 1
    assert business_days_between(date(2026, 1, 20), date(2026, 1, 16)) == 0
    assert add_business_days(date(2026, 1, 16), 1) == date(2026, 1, 20)


@pytest.mark.django_db
def test_the_clock_pauses_while_waiting_for_the_attorney(users):
    staff, attorney = users["staff"], users["attorney"]
    with time_machine.travel("2026-03-02 15:00Z", tick=False):  # Monday
        ta_request = TARequestFactory(case__attorney=attorney)
        assert ta_request.first_response_due_on == date(2026, 3, 4)
    with time_machine.travel("2026-03-03 15:00Z", tick=False):  # Tuesday: asks for information
        services.ta_request_staff_respond(
            ta_request=ta_request, actor=staff, action=StaffAction.ASK, body="Which circuit?"
        )
    ta_request.refresh_from_db()
    assert ta_request.status == RequestStatus.WAITING
    assert ta_request.first_responded_at is None  # asking is not the first response
    with time_machine.travel("2026-03-09 15:00Z", tick=False):  # next Monday: 4 business days
        services.ta_request_attorney_reply(
            ta_request=ta_request, attorney=attorney, body="The Ninth Circuit."
        )
    ta_request.refresh_from_db()
    assert ta_request.status == RequestStatus.IN_PROGRESS
    assert ta_request.paused_business_days == 4
    # Wednesday March 4 moved on by the four business days spent waiting.
    assert ta_request.first_response_due_on == date(2026, 3, 10)
