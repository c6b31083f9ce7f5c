"""Celery tasks of the TA Library: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from ta_library.case_match import record_matches


@shared_task(
    name="ta_library.tasks.match_resource",
    acks_late=True,
    time_limit=120,
    soft_time_limit=100,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
)
def match_resource(resource_id: int) -> int:
    """Record which open cases a resource that became visible matches (for their alerts).
    Idempotent: a pair is recorded once."""
    return record_matches(resource_id)
