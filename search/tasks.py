"""Celery tasks of the search app: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from search import services

_RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 3,
}


@shared_task(name="search.tasks.index_resource", time_limit=300, soft_time_limit=240, **_RETRY)
def index_resource(resource_id: int) -> str:
    """Extract the resource's file if it changed, and (re)index it. Idempotent."""
    return _index(resource_id, force=False)


@shared_task(name="search.tasks.reextract_resource", time_limit=300, soft_time_limit=240, **_RETRY)
def reextract_resource(resource_id: int) -> str:
    """Staff asked for the file to be read again, changed or not."""
    return _index(resource_id, force=True)


def _index(resource_id: int, *, force: bool) -> str:
    try:
        extraction = services.resource_index(resource_id=resource_id, force=force)
    except SoftTimeLimitExceeded:
        services.extraction_mark_failed(
            resource_id=resource_id, reason="Extraction took too long and was stopped."
        )
        return "failed"
    return extraction.status if extraction else "gone"


@shared_task(
    name="search.tasks.refresh_vocabulary", time_limit=1800, soft_time_limit=1700, **_RETRY
)
def refresh_vocabulary() -> int:
    """Rebuild the spelling vocabulary when the index changed since the last rebuild."""
    return services.vocabulary_refresh(only_if_changed=True)
