"""Enqueueing tasks safely: after commit, through the outbox, with ids only."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import current_app, shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cgrs.models import OutboxMessage

logger = logging.getLogger(__name__)

# How every task that sends an email behaves: acknowledged only when done (a worker killed
# mid-send reruns it), a minute at most, and a few retries with backoff when the mail server
# does not answer. The tasks themselves are idempotent, so a rerun sends nothing twice.
EMAIL_TASK_OPTIONS = {
    "acks_late": True,
    "time_limit": 60,
    # Below the hard limit (the settings' default soft limit of 240 s would be refused).
    "soft_time_limit": 50,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "max_retries": 5,
}


def enqueue(task, *ids: int) -> None:
    """Run `task(*ids)` once the current transaction commits; nothing if it rolls back.

    `task` is a task or its registered name ("accounts.tasks.notify_..."): services name the
    tasks they start, so they need not import the tasks module that imports them.
    The intent is stored in the outbox inside the caller's transaction, so a broker outage
    loses nothing: the relay sends it later.
    """
    _enqueue(task, [list(ids)])


def enqueue_each(task, ids) -> None:
    """`enqueue(task, id)` for every id, in one outbox insert (bulk actions)."""
    _enqueue(task, [[value] for value in ids])


def _enqueue(task, calls: list[list[int]]) -> None:
    for args in calls:
        for value in args:
            # SECURITY: tasks take ids, never personal data (S11).
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"Task arguments must be integer ids, got {type(value).__name__}")
    if not calls:
        return
    name = task if isinstance(task, str) else task.name
    _registered(name)  # a misspelt name fails here, in the caller, not later in the relay
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name=name, args=args) for args in calls
    )
    ids = [message.pk for message in messages]
    transaction.on_commit(lambda: [dispatch(message_id) for message_id in ids])


def _registered(name: str):
    """The task registered under `name`. Celery imports the apps' tasks modules lazily (a
    worker does at start); a web process that enqueues by name imports them on first use."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def dispatch(message_id: int) -> bool:
    """Send one outbox message to the broker (or run it in-process). True when handed over."""
    claimed = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False  # already sent by the relay or an earlier dispatch
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            _registered(message.task_name).apply(args=message.args, throw=True)
        else:
            current_app.send_task(message.task_name, args=message.args, retry=False)
    except Exception:
        # The broker is unreachable (or the in-process run failed): leave it for the relay.
        OutboxMessage.objects.filter(pk=message_id).update(
            sent_at=None, attempts=message.attempts + 1
        )
        logger.warning("outbox message %s not sent; will retry", message_id, exc_info=True)
        return False
    return True


def relay_pending(older_than: timedelta = timedelta(seconds=5), limit: int = 500) -> int:
    """Send outbox messages that were not handed over at commit time. Returns how many."""
    cutoff = timezone.now() - older_than
    pending = list(
        OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(dispatch(pk) for pk in pending)


@shared_task(name="cgrs.tasks.relay_outbox", acks_late=True, time_limit=120, soft_time_limit=100)
def relay_outbox() -> int:
    sent = relay_pending()
    # Keep the table small: sent messages are only kept for a week, for diagnosis.
    OutboxMessage.objects.filter(sent_at__lt=timezone.now() - timedelta(days=7)).delete()
    return sent
