"""The alert path against a real Redis and a real Celery worker process: staff publish a
resource, the worker records which open cases it matches; the weekly build queues the
digest through the outbox, the worker sends it once, and a redelivery sends nothing."""

import pytest
from celery import current_app

from alerts.models import Digest
from alerts.tasks import build_digests, send_digest
from cases.models import AlertFrequency
from cgrs.tasks import relay_pending
from ta_library import services
from ta_library.models import CaseMatch
from tests.cases.factories import CaseFactory
from tests.cgrs.test_worker import (  # noqa: F401 (redis_url, worker: the project's fixtures)
    _use_broker,
    _wait_for,
    redis_url,
    worker,
)
from tests.ta_library.factories import ResourceFactory

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("redis")]


def test_a_published_resource_reaches_the_digest_through_a_real_worker(
    transactional_db,
    settings,
    users,
    redis_url,  # noqa: F811
    worker,  # noqa: F811
):
    case = CaseFactory(attorney=users["attorney"])
    resource = ResourceFactory(is_published=False, relevant_to_every_case=True)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    current_app.conf.task_always_eager = False
    _use_broker(redis_url)
    try:
        services.resources_set_published(resource_ids=[resource.pk], published=True)
        assert _wait_for(lambda: CaseMatch.objects.filter(case=case, resource=resource).exists()), (
            worker.stderr.read1().decode() if worker.poll() is not None else "worker timed out"
        )

        (digest_id,) = build_digests(AlertFrequency.WEEKLY)
        assert _wait_for(
            lambda: Digest.objects.filter(pk=digest_id, sent_at__isnull=False).exists()
        )
        sent_at = Digest.objects.get(pk=digest_id).sent_at
        assert CaseMatch.objects.get(case=case).digested_at is not None

        # A redelivered send (a lost ack) has no second effect; the probe shows it ran.
        send_digest.apply_async(args=[digest_id])
        probe = CaseFactory(attorney=users["attorney"])
        probe_resource = ResourceFactory(is_published=False)
        probe_resource.persecution_types.set(probe.persecution_types.all())
        services.resources_set_published(resource_ids=[probe_resource.pk], published=True)
        assert _wait_for(lambda: CaseMatch.objects.filter(resource=probe_resource).exists())
        assert Digest.objects.get(pk=digest_id).sent_at == sent_at
        assert relay_pending() == 0  # everything was handed over at commit
    finally:
        _use_broker("memory://")
        current_app.conf.task_always_eager = True
