"""Thin Celery wrappers for case documents: they take ids and call a service.

Enqueued through the outbox (cgrs.tasks.enqueue) after commit, so an upload saved while the
broker is down is processed, and staff are told, once it is back (SECURITY S13).
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone

from cgrs.email import send_email, site_url
from cgrs.tasks import EMAIL_TASK_OPTIONS
from documents import services
from documents.models import Document

_RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 3,
}


@shared_task(name="documents.tasks.process_document", time_limit=300, soft_time_limit=240, **_RETRY)
def process_document(document_id: int) -> str | None:
    """Count the pages and read the text layer (idempotent)."""
    return services.document_process(document_id)


@shared_task(name="documents.tasks.notify_staff_of_new_document", **EMAIL_TASK_OPTIONS)
def notify_staff_of_new_document(document_id: int) -> bool:
    """Tell staff that a document is waiting: no name, case or detail, only the queue's
    link (SECURITY S11). Sent once per grant of permission."""
    with transaction.atomic():
        # Idempotent: the row lock and the timestamp make a rerun send nothing; a failed send
        # rolls the timestamp back so the retry sends it.
        document = (
            Document.objects.select_for_update()
            .filter(pk=document_id, staff_notified_at__isnull=True)
            .first()
        )
        if document is None:
            return False
        send_email(
            to=[settings.STAFF_NOTIFICATION_EMAIL],
            subject="A new document is waiting",
            template="documents/email/new_document.txt",
            context={"queue_url": site_url(reverse("documents:staff_queue"))},
        )
        document.staff_notified_at = timezone.now()
        document.save(update_fields=["staff_notified_at"])
    return True


@shared_task(
    name="documents.tasks.sweep_orphaned_files", acks_late=True, time_limit=600, soft_time_limit=540
)
def sweep_orphaned_files() -> dict[str, int]:
    """Hourly (Celery beat): remove files left by crashes and stale pending uploads."""
    return services.sweep_orphaned_files()
