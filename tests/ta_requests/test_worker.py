"""SECURITY S13 for requests for more help, against a real Redis and a real Celery worker.

An attorney asks while the broker is unreachable: the request commits and the attorney is
told so. The staff email waits in the outbox; once Redis answers, the relay hands it over
and a real worker (a separate process on the same test database) sends it once.
"""

import uuid

import pytest
from celery import current_app
from django.urls import reverse

from cgrs.models import OutboxMessage
from cgrs.tasks import relay_pending
from ta_requests.models import TARequest
from tests.cases.factories import CaseFactory
from tests.cgrs.test_worker import (  # noqa: F401 (redis_url, worker: the project's fixtures)
    CLOSED_PORT,
    _use_broker,
    _wait_for,
    redis_url,
    worker,
)

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("redis")]


def test_a_request_saved_while_redis_is_down_is_announced_once_by_a_real_worker(
    transactional_db,
    settings,
    users,
    attorney_client,
    redis_url,  # noqa: F811
    worker,  # noqa: F811
):
    case = CaseFactory(attorney=users["attorney"])
    settings.CELERY_TASK_ALWAYS_EAGER = False
    current_app.conf.task_always_eager = False
    _use_broker(CLOSED_PORT)
    try:
        response = attorney_client.post(
            reverse("ta_requests:create", args=[case.number]),
            {
                "submission_token": str(uuid.uuid4()),
                "kind": "country_conditions",
                "question": "Recent reports on police protection, please.",
                "deadline_choice": "none",
                "urgency": "soon",
            },
            follow=True,
        )
        assert response.status_code == 200
        assert "Your request was sent to CGRS" in response.content.decode()
        ta_request = TARequest.objects.get(case=case)
        assert ta_request.staff_notified_at is None
        waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
        assert [m.task_name for m in waiting] == ["ta_requests.tasks.notify_staff_of_request"]

        _use_broker(redis_url)
        waiting.update(created_at=waiting.first().created_at.replace(year=2000))
        assert relay_pending() == 1
        assert _wait_for(
            lambda: TARequest.objects.filter(
                pk=ta_request.pk, staff_notified_at__isnull=False
            ).exists()
        ), worker.stderr.read1().decode() if worker.poll() is not None else "worker timed out"
        assert relay_pending() == 0
    finally:
        _use_broker("memory://")
        current_app.conf.task_always_eager = True
