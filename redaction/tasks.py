"""Thin Celery wrappers for the slow redaction steps: they take the record's id and call a
service (enqueued through the outbox after commit, cgrs.tasks.enqueue). Each is idempotent:
it does nothing unless the record is still in the state that asked for it."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from redaction import services

_OPTIONS = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 3,
    # OCR of a long scan is the slowest step: about 2 s a page on the 2-core machine.
    "time_limit": 900,
    "soft_time_limit": 840,
}


@shared_task(name="redaction.tasks.detect", **_OPTIONS)
def detect(redaction_id: int) -> str | None:
    return services.run_detection(redaction_id)


@shared_task(name="redaction.tasks.build", **_OPTIONS)
def build(redaction_id: int) -> str | None:
    return services.run_build(redaction_id)


@shared_task(name="redaction.tasks.check", **_OPTIONS)
def check(redaction_id: int) -> str | None:
    return services.run_check(redaction_id)
