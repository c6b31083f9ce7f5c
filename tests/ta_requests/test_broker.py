"""SECURITY S13: with the broker unreachable, a request still saves and the attorney sees
success; the staff email waits in the outbox and goes out once the broker is back, once."""

import uuid

import pytest
from django.urls import reverse

from cgrs.models import OutboxMessage
from cgrs.tasks import relay_pending
from ta_requests.models import TARequest
from tests.broker import broker_down
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_a_request_saves_while_redis_is_down_and_its_email_goes_when_it_is_back(
    settings, users, attorney_client, mailoutbox, django_capture_on_commit_callbacks
):
    case = CaseFactory(attorney=users["attorney"])
    with broker_down(settings):
        with django_capture_on_commit_callbacks(execute=True):
            response = attorney_client.post(
                reverse("ta_requests:create", args=[case.number]),
                {
                    "submission_token": str(uuid.uuid4()),
                    "kind": "legal_research",
                    "question": "Any recent authority on this PSG?",
                    "deadline_choice": "none",
                    "urgency": "routine",
                },
                follow=True,
            )
        assert response.status_code == 200
        assert "Your request was sent to CGRS" in response.content.decode()
        ta_request = TARequest.objects.get()
        waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
        assert [(m.task_name, m.args) for m in waiting] == [
            ("ta_requests.tasks.notify_staff_of_request", [ta_request.pk])
        ]
        assert mailoutbox == []
    waiting.update(created_at=waiting.first().created_at.replace(year=2000))
    assert relay_pending() == 1
    assert relay_pending() == 0
    assert len(mailoutbox) == 1
    ta_request.refresh_from_db()
    assert ta_request.staff_notified_at is not None
