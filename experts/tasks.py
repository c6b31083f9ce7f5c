"""Thin Celery wrappers: they take ids and call a service (idempotent, bounded retries)."""

from __future__ import annotations

from celery import shared_task

from cgrs.tasks import EMAIL_TASK_OPTIONS, enqueue
from experts.services.availability import availability_lapse_stale, availability_reminders_due
from experts.services.emails import (
    availability_reminder_send,
    contact_change_notice_send,
    listing_status_email_send,
)


@shared_task(
    name="experts.tasks.send_listing_status_email",
    **EMAIL_TASK_OPTIONS,
)
def send_listing_status_email(event_id: int) -> bool:
    return listing_status_email_send(event_id)


@shared_task(
    name="experts.tasks.send_contact_change_notice",
    **EMAIL_TASK_OPTIONS,
)
def send_contact_change_notice(event_id: int) -> bool:
    return contact_change_notice_send(event_id)


@shared_task(
    name="experts.tasks.send_availability_reminder",
    **EMAIL_TASK_OPTIONS,
)
def send_availability_reminder(listing_id: int) -> bool:
    return availability_reminder_send(listing_id)


@shared_task(name="experts.tasks.availability_sweep", acks_late=True, time_limit=300)
def availability_sweep() -> dict[str, int]:
    """Daily (Celery beat): lapse stale "accepting new cases" flags, queue the reminders due."""
    lapsed = availability_lapse_stale()
    due = availability_reminders_due()
    for listing_id in due:
        enqueue(send_availability_reminder, listing_id)
    return {"lapsed": lapsed, "reminders": len(due)}
