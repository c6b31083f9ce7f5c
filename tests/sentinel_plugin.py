"""A pytest plugin (loaded for every run through pyproject's addopts) that watches the whole
suite for client identifiers leaving the record (S11, S19).

Every log record (from any logger, propagating or not), every email sent through Django's
test outbox and every Celery task's arguments (run eagerly, published to a broker, or run by
an in-process worker) are searched for the strings in `tests.sentinels.SENTINELS`, which the
factories put into case data. A hit fails the test during which it happened.
"""

from __future__ import annotations

import logging
import threading

import pytest

from tests.sentinels import SENTINELS

_hits: list[str] = []
_lock = threading.Lock()
# Wrapped after the logger's own filters (a filter that strips a query string has run).
_original_call_handlers = logging.Logger.callHandlers


def sentinel_in(text: str) -> str | None:
    lowered = text.lower()
    return next((s for s in SENTINELS if s.lower() in lowered), None)


def record_hit(channel: str, text: str) -> None:
    found = sentinel_in(text)
    if found:
        with _lock:
            _hits.append(f"{channel}: {found!r} in {text[:300]!r}")


def take_hits() -> list[str]:
    with _lock:
        hits = list(_hits)
        _hits.clear()
    return hits


def _watching_call_handlers(self, record):
    try:
        message = record.getMessage()
    except Exception:  # a malformed record is the logging module's problem, not ours
        message = str(record.msg)
    record_hit(f"log record ({record.name})", message)
    return _original_call_handlers(self, record)


def _task_prerun(sender=None, task_id=None, task=None, args=None, kwargs=None, **extra):
    record_hit(f"task arguments ({getattr(task, 'name', sender)})", repr((args, kwargs)))


def _before_publish(sender=None, body=None, headers=None, **extra):
    record_hit(f"published task ({sender})", repr((body, (headers or {}).get("argsrepr"))))


def pytest_configure(config):
    logging.Logger.callHandlers = _watching_call_handlers
    from celery.signals import before_task_publish, task_prerun

    task_prerun.connect(_task_prerun, weak=False)
    before_task_publish.connect(_before_publish, weak=False)


def pytest_unconfigure(config):
    logging.Logger.callHandlers = _original_call_handlers


def _scan_outbox() -> None:
    from django.core import mail

    for message in getattr(mail, "outbox", []):
        parts = [message.subject, message.body, " ".join(message.to)]
        parts += [str(content) for content, _ in getattr(message, "alternatives", [])]
        parts += [str(attachment[0]) for attachment in message.attachments if attachment]
        record_hit("email", "\n".join(parts))


@pytest.fixture(autouse=True)
def _no_identifier_leaves_the_record():
    take_hits()  # anything from collection or another test's teardown is not this test's
    yield
    _scan_outbox()
    hits = take_hits()
    if hits:
        pytest.fail("A client identifier left the record:\n" + "\n".join(hits), pytrace=False)
