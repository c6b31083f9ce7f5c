"""SECURITY S13/S14 against a real Redis and a real Celery worker process.

A pro se registration commits while the broker is unreachable; its staff notice waits in the
outbox. Once Redis answers, the relay hands it over, a real worker (a separate process on
the same test database) runs it, and a second delivery of the same task changes nothing.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import current_app
from django.conf import settings
from django.db import connection

from accounts.models import ProSeFollowUp
from accounts.tasks import notify_staff_of_pro_se_registration
from cgrs.models import OutboxMessage
from cgrs.tasks import enqueue, relay_pending
from tests.factories import ProSeFactory

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("redis")]

REPO = Path(__file__).resolve().parents[2]
CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_url():
    url = getattr(settings, "TEST_REDIS_URL", "")
    if not url:
        message = "No Redis: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()  # a database of its own: nothing left over from an earlier run
    yield url
    client.flushdb()


def _test_database_url() -> str:
    db = connection.settings_dict
    if db["HOST"].startswith("/"):  # the embedded server's socket directory
        return f"postgres://{db['USER']}@/{db['NAME']}?host={quote(db['HOST'])}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}{port}/{db['NAME']}"


@pytest.fixture
def worker(redis_url):
    """Start a real worker on the test database; yield a function that waits for it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cgrs.settings.local",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DEBUG": "false",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cgrs", "worker", "--pool=solo", "-l", "WARNING"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _use_broker(url: str) -> None:
    """Point this process's Celery app at another broker, dropping pooled connections."""
    current_app.conf.broker_url = url
    if current_app._pool is not None:
        current_app._pool.force_close_all()
        current_app._pool = None
    current_app.amqp._producer_pool = None


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
