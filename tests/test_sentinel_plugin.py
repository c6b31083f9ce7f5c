"""The suite-wide sentinel (tests/sentinel_plugin.py) notices an identifier in each channel it
watches. Each test takes the hits it provoked, so it passes only if they were noticed."""

import logging

import pytest
from celery import shared_task
from django.core.mail import send_mail

from tests.sentinel_plugin import take_hits
from tests.sentinels import A_NUMBER, CASE_NOTES, CLIENT_NAME


@shared_task(name="tests.echo")
def echo(value):
    return value


def test_a_log_record_from_any_logger_is_noticed():
    logging.getLogger("cases.services").warning("saved case notes %s", CASE_NOTES)
    quiet = logging.getLogger("tests.not_propagating")
    quiet.propagate = False
    quiet.error("client %s", CLIENT_NAME)
    hits = take_hits()
    assert len(hits) == 2
    assert all("log record" in hit for hit in hits)


def test_an_email_is_noticed(mailoutbox):
    from tests.sentinel_plugin import _scan_outbox

    send_mail("Your case", f"About {A_NUMBER}", "ta@example.org", ["a@example.net"])
    _scan_outbox()
    hits = take_hits()
    mailoutbox.clear()
    assert hits and hits[0].startswith("email")


def test_a_task_argument_is_noticed(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    echo.delay(CLIENT_NAME)
    hits = take_hits()
    assert any(hit.startswith("task arguments") for hit in hits)


@pytest.mark.parametrize("text", ["case 27183 saved", "listing 12 approved", ""])
def test_ids_alone_are_not_hits(text):
    logging.getLogger("cases.services").info(text)
    assert take_hits() == []
