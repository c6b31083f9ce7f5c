"""SECURITY S13/S14: saving never depends on the broker; tasks take ids; nothing is enqueued
by a rolled-back transaction; what could not be sent is sent once the broker is back."""

import pytest
from celery import shared_task
from django.db import transaction

from accounts.models import Organization
from cgrs.models import OutboxMessage
from cgrs.tasks import dispatch, enqueue, relay_pending
from tests.broker import broker_down

RUNS: list[int] = []


@shared_task(name="tests.mark_verified")
def mark_verified(organization_id: int) -> None:
    RUNS.append(organization_id)
    Organization.objects.filter(pk=organization_id).update(verified=True)


@pytest.fixture(autouse=True)
def _reset_runs():
    RUNS.clear()


def _new_org():
    return Organization.objects.create(name="Outbox Test Org", type="nonprofit", verified=False)


def test_task_runs_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org = _new_org()
        enqueue(mark_verified, org.pk)
        assert RUNS == []  # not before the commit
    org.refresh_from_db()
    assert org.verified and [org.pk] == RUNS
    assert OutboxMessage.objects.get().sent_at is not None


def test_rolled_back_transaction_enqueues_nothing(transactional_db):
    with pytest.raises(RuntimeError), transaction.atomic():
        org = _new_org()
        enqueue(mark_verified, org.pk)
        raise RuntimeError("the form was invalid after all")
    assert RUNS == []
    assert not OutboxMessage.objects.exists()


def test_tasks_take_ids_only(db):
    with pytest.raises(TypeError):
        enqueue(mark_verified, "A123456789")


def test_broker_down_keeps_the_work_and_relay_sends_it_later(
    db, settings, django_capture_on_commit_callbacks
):
    with broker_down(settings):
        with django_capture_on_commit_callbacks(execute=True):
            org = _new_org()
            enqueue(mark_verified, org.pk)
        # The data committed; the message waits in the outbox.
        assert Organization.objects.filter(pk=org.pk).exists()
        message = OutboxMessage.objects.get()
        assert message.sent_at is None and message.attempts == 1
    # The broker is back (in-process).
    OutboxMessage.objects.update(created_at=message.created_at.replace(year=2000))
    assert relay_pending() == 1
    org.refresh_from_db()
    assert org.verified
    assert relay_pending() == 0  # sent once, not again


def test_dispatch_twice_sends_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org = _new_org()
        enqueue(mark_verified, org.pk)
    message = OutboxMessage.objects.get()
    assert dispatch(message.pk) is False
    assert [org.pk] == RUNS


def test_every_task_of_ours_has_limits_celery_accepts(settings):
    """A soft limit above the hard one makes Celery refuse to send the task at all."""
    from celery import current_app

    ours = [t for name, t in current_app.tasks.items() if not name.startswith("celery.")]
    assert len(ours) >= 5
    for task in ours:
        hard = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        assert hard and soft and soft < hard, task.name
        assert task.acks_late, task.name
