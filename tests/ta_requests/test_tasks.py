"""Emails: ids in, nothing about the client, case or country out; each sent once; the daily
digest has counts only."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ta_requests import services, tasks
from tests.cases.factories import CaseFactory
from tests.ta_requests.factories import TARequestFactory

pytestmark = pytest.mark.django_db


def test_an_update_email_names_nothing_and_is_sent_once(users, mailoutbox):
    case = CaseFactory(attorney=users["attorney"], country_of_origin="HN", notes="Tegucigalpa")
    ta_request = TARequestFactory(case=case, question="About the MS-13 threats")
    message = services.ta_request_staff_respond(
        ta_request=ta_request, actor=users["staff"], action="answer", body="See the advisory."
    )
    # (Inside the test's transaction the after-commit dispatch has not run: send it here.)
    assert tasks.notify_attorney_of_update(message.pk) is True
    assert tasks.notify_attorney_of_update(message.pk) is False
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    text = email.subject + email.body
    assert "There is an update on one of your requests; sign in to read it." in email.body
    for leak in (str(case.number), "Honduras", "Tegucigalpa", "MS-13", "advisory"):
        assert leak not in text


def test_the_daily_digest_counts_new_overdue_and_due_this_week_once_a_day(mailoutbox):
    with time_machine.travel("2026-03-11 12:00Z", tick=False):
        today = timezone.localdate()
        TARequestFactory(deadline_on=today + timedelta(days=3), deadline_kind="filing")
        TARequestFactory(first_response_due_on=today - timedelta(days=2))
        TARequestFactory(status="closed", deadline_on=today + timedelta(days=2))
        counts = tasks.send_staff_digest()
        assert tasks.send_staff_digest() == {}
    assert counts == {"new": 3, "overdue": 1, "due_this_week": 1}
    assert len(mailoutbox) == 1
    assert "Overdue for a first response: 1" in mailoutbox[0].body
    assert mailoutbox[0].to == ["ta-staff@example.org"]
