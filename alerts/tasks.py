"""Celery tasks of the alerts: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from alerts.digests import digests_build
from alerts.emails import digest_message
from alerts.models import Digest
from cases.models import AlertFrequency
from cgrs.tasks import EMAIL_TASK_OPTIONS, enqueue_each


def build_digests(frequency: str, now=None) -> list[int]:
    """Build the period's digests and queue their emails, in one transaction: a digest is
    marked as sent exactly when its email is in the outbox."""
    with transaction.atomic():
        digest_ids = digests_build(frequency=frequency, now=now)
        enqueue_each(send_digest, digest_ids)
    return digest_ids


@shared_task(name="alerts.tasks.build_daily_digests", acks_late=True, time_limit=600)
def build_daily_digests() -> int:
    return len(build_digests(AlertFrequency.DAILY))


@shared_task(name="alerts.tasks.build_weekly_digests", acks_late=True, time_limit=600)
def build_weekly_digests() -> int:
    return len(build_digests(AlertFrequency.WEEKLY))


@shared_task(name="alerts.tasks.send_digest", **EMAIL_TASK_OPTIONS)
def send_digest(digest_id: int) -> bool:
    """Send one digest email, once: the row lock and sent_at make a rerun send nothing; a
    failed send rolls sent_at back so the retry sends it."""
    with transaction.atomic():
        digest = (
            Digest.objects.select_for_update()
            .select_related("user")
            .filter(pk=digest_id, sent_at__isnull=True)
            .first()
        )
        if digest is None:
            return False
        digest_message(digest).send()
        digest.sent_at = timezone.now()
        digest.save(update_fields=["sent_at"])
    return True
