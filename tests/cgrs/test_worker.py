"""SECURITY S13/S14 against a real Redis and a real Celery worker process.

A pro se registration commits while the broker is unreachable; its staff notice waits in the
outbox. Once Redis answers, the relay hands it over, a real worker (a separate process on
the same test database) runs it, and a second delivery of the same task changes nothing.
A worker killed in the middle of a task (SIGKILL: no chance to clean up) leaves the task
unacknowledged; the next worker runs it again, to one effect.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from celery import current_app
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from accounts.models import ProSeFollowUp
from accounts.tasks import notify_staff_of_pro_se_registration
from cgrs.models import OutboxMessage
from cgrs.tasks import enqueue, relay_pending
from devtools.scratch_database import database_url
from tests.factories import ProSeFactory

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("redis")]

REPO = Path(__file__).resolve().parents[2]
CLOSED_PORT = "redis://127.0.0.1:1/0"


def _own_database(url: str) -> str:
    """TEST_REDIS_URL's database, one lower per xdist worker: two workers' tests (and their
    Celery workers) must never share a queue. (xdist_group no longer keeps these tests on
    one worker with pytest 9.2: pytest-xdist issue #1386.)"""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    offset = int(worker.removeprefix("gw") or 0)
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 15)
    return urlunsplit(parts._replace(path=f"/{(base - offset) % 16}"))


@pytest.fixture
def redis_url():
    url = getattr(settings, "TEST_REDIS_URL", "")
    if not url:
        message = "No Redis: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url = _own_database(url)
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()  # a database of its own: nothing left over from an earlier run
    yield url
    client.flushdb()


def _start_worker(redis_url: str, **extra_env: str) -> subprocess.Popen:
    """A real worker process (solo pool: a task runs in the process itself) on the test
    database and the test's files."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cgrs.settings.local",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DEBUG": "false",
        **extra_env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cgrs", "worker", "--pool=solo", "-l", "WARNING"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def worker(redis_url):
    """Start a real worker on the test database."""
    process = _start_worker(redis_url)
    yield process
    _stop(process)


def _use_broker(url: str) -> None:
    """Point this process's Celery app at another broker, dropping pooled connections."""
    current_app.conf.broker_url = url
    if current_app._pool is not None:
        current_app._pool.force_close_all()
        current_app._pool = None
    current_app.amqp._producer_pool = None
    kombu_pools.reset()  # kombu's own registry would hand back the closed producer pool


def _wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def test_work_saved_while_redis_was_down_runs_once_on_a_real_worker(
    transactional_db, settings, redis_url, worker
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    current_app.conf.task_always_eager = False
    _use_broker(CLOSED_PORT)
    try:
        follow_up = ProSeFollowUp.objects.create(user=ProSeFactory())
        from django.db import transaction

        with transaction.atomic():
            enqueue(notify_staff_of_pro_se_registration, follow_up.pk)
        # Saved, although the broker could not be reached.
        message = OutboxMessage.objects.get()
        assert message.sent_at is None and message.attempts == 1

        # Redis is back: the relay hands the message over and the worker runs it.
        _use_broker(redis_url)
        OutboxMessage.objects.update(created_at=message.created_at.replace(year=2000))
        assert relay_pending() == 1
        assert _wait_for(
            lambda: ProSeFollowUp.objects.filter(
                pk=follow_up.pk, staff_notified_at__isnull=False
            ).exists()
        ), worker.stderr.read1().decode() if worker.poll() is not None else "worker timed out"
        notified_at = ProSeFollowUp.objects.get(pk=follow_up.pk).staff_notified_at

        # The same task delivered again (a redelivery after a lost ack) has no second effect.
        notify_staff_of_pro_se_registration.apply_async(args=[follow_up.pk])
        probe = ProSeFollowUp.objects.create(user=ProSeFactory())
        notify_staff_of_pro_se_registration.apply_async(args=[probe.pk])
        # The solo worker runs tasks in order: once the probe is done, so is the redelivery.
        assert _wait_for(
            lambda: ProSeFollowUp.objects.filter(
                pk=probe.pk, staff_notified_at__isnull=False
            ).exists()
        )
        assert ProSeFollowUp.objects.get(pk=follow_up.pk).staff_notified_at == notified_at
        assert relay_pending() == 0
    finally:
        _use_broker("memory://")
        current_app.conf.task_always_eager = True


VISIBILITY_SECONDS = 2


def test_a_task_whose_worker_is_killed_mid_run_reruns_on_the_next_worker(
    transactional_db, settings, redis_url
):
    """The indexing task is held at its row lock (the test holds the lock), so the kill
    lands mid-task for certain; acks_late leaves the message unacknowledged in Redis."""
    import psycopg
    import redis
    from django.core.files.base import ContentFile

    from search.models import Extraction, ExtractionStatus, Passage
    from search.tasks import index_resource
    from tests.search.documents import pdf_with_pages
    from tests.ta_library.factories import ResourceFactory

    settings.CELERY_TASK_ALWAYS_EAGER = False
    current_app.conf.task_always_eager = False
    resource = ResourceFactory(external_url="")
    pages = [f"Page {n}: country conditions and particular social group." for n in (1, 2, 3)]
    resource.file.save("conditions.pdf", ContentFile(pdf_with_pages(pages)))
    Extraction.objects.get_or_create(resource_id=resource.pk)
    broker = redis.Redis.from_url(redis_url)
    lock = psycopg.connect(database_url())
    first = _start_worker(redis_url, CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS))
    second = None
    try:
        lock.execute(
            "SELECT 1 FROM search_extraction WHERE resource_id = %s FOR UPDATE", [resource.pk]
        )
        _use_broker(redis_url)
        index_resource.apply_async(args=[resource.pk])
        waiting = (
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        assert _wait_for(lambda: connection.cursor().execute(waiting).fetchone()[0] == 1), (
            "the worker never reached the task's row lock"
        )
        first.kill()
        first.wait()
        assert broker.hlen("unacked") == 1  # taken, never acknowledged
        lock.rollback()
        assert Extraction.objects.get(resource_id=resource.pk).status == ExtractionStatus.PENDING

        time.sleep(VISIBILITY_SECONDS + 0.5)
        second = _start_worker(redis_url, CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS))
        assert _wait_for(
            lambda: Extraction.objects.filter(
                resource_id=resource.pk, status=ExtractionStatus.EXTRACTED
            ).exists()
        ), second.stderr.read1().decode() if second.poll() is not None else "no rerun"
        passages = list(
            Passage.objects.filter(resource_id=resource.pk).values_list("position", "page")
        )
        assert sorted(page for _, page in passages) == [1, 2, 3]  # one run's passages
        assert sorted(position for position, _ in passages) == [0, 1, 2]
        assert _wait_for(lambda: broker.hlen("unacked") == 0, 10)
    finally:
        lock.close()
        _stop(first)
        if second is not None:
            _stop(second)
        _use_broker("memory://")
        current_app.conf.task_always_eager = True
