"""The broker down and back, for SECURITY S13 tests (no worker: tests/cgrs/test_worker.py
has the real Redis and worker)."""

from contextlib import contextmanager

from celery import current_app

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@contextmanager
def broker_down(settings):
    """Inside the block tasks go to a broker nobody answers, as when Redis is down; after it
    the broker is back, in-process, so `relay_pending()` runs what waited in the outbox."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    current_app.conf.broker_url = CLOSED_PORT
    try:
        yield
    finally:
        current_app.conf.broker_url = "memory://"
        settings.CELERY_TASK_ALWAYS_EAGER = True
