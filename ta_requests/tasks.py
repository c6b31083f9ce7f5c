"""Emails about requests for more help: thin Celery tasks that take ids.

Enqueued through the outbox (cgrs.tasks.enqueue) after commit. No email names a client, a
case detail or a country, nor quotes the conversation: it says there is something to read
and links to the page where the reader signs in to read it (SECURITY S11).
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cgrs.email import send_email, site_url
from cgrs.tasks import EMAIL_TASK_OPTIONS
from ta_requests import selectors
from ta_requests.models import STAFF_MESSAGE_KINDS, StaffDigest, TARequest, TARequestMessage


def _url(name: str, *args) -> str:
    return site_url(reverse(name, args=args))


def _send(*, subject: str, template: str, context: dict, to: str) -> None:
    send_email(to=[to], subject=subject, template=template, context=context)


@shared_task(name="ta_requests.tasks.notify_staff_of_request", **EMAIL_TASK_OPTIONS)
def notify_staff_of_request(request_id: int) -> bool:
    """Tell the staff address a new request is in the queue (once)."""
    with transaction.atomic():
        # Idempotent: the row lock and the timestamp make a rerun send nothing; a failed send
        # rolls the timestamp back so the retry sends it.
        ta_request = (
            TARequest.objects.select_for_update()
            .filter(pk=request_id, staff_notified_at__isnull=True)
            .first()
        )
        if ta_request is None:
            return False
        _send(
            subject="A new request for more help",
            template="ta_requests/email/new_request.txt",
            context={"url": _url("ta_requests:staff_detail", ta_request.pk)},
            to=settings.STAFF_NOTIFICATION_EMAIL,
        )
        ta_request.staff_notified_at = timezone.now()
        ta_request.save(update_fields=["staff_notified_at"])
    return True


def _claim_message(message_id: int):
    return (
        TARequestMessage.objects.select_for_update()
        .select_related("request__requested_by")
        .filter(pk=message_id, notified_at__isnull=True)
        .first()
    )


@shared_task(name="ta_requests.tasks.notify_staff_of_reply", **EMAIL_TASK_OPTIONS)
def notify_staff_of_reply(message_id: int) -> bool:
    """Tell the staff address (and the assignee, if any) that an attorney replied (once)."""
    with transaction.atomic():
        message = _claim_message(message_id)
        if message is None or message.from_staff:
            return False
        ta_request = message.request
        recipients = {settings.STAFF_NOTIFICATION_EMAIL}
        if ta_request.assigned_to_id:
            recipients.add(ta_request.assigned_to.email)
        for to in sorted(recipients):
            _send(
                subject="An attorney replied to a request for more help",
                template="ta_requests/email/attorney_replied.txt",
                context={"url": _url("ta_requests:staff_detail", ta_request.pk)},
                to=to,
            )
        message.notified_at = timezone.now()
        message.save(update_fields=["notified_at"])
    return True


@shared_task(name="ta_requests.tasks.notify_attorney_of_update", **EMAIL_TASK_OPTIONS)
def notify_attorney_of_update(message_id: int) -> bool:
    """ "There is an update on one of your requests; sign in to read it." (once)."""
    with transaction.atomic():
        message = _claim_message(message_id)
        if message is None or message.kind not in STAFF_MESSAGE_KINDS:
            return False
        attorney = message.request.requested_by
        if attorney.is_active and attorney.email:
            _send(
                subject="There is an update on one of your requests",
                template="ta_requests/email/update.txt",
                context={"url": _url("accounts:my_account")},
                to=attorney.email,
            )
        message.notified_at = timezone.now()
        message.save(update_fields=["notified_at"])
    return True


@shared_task(name="ta_requests.tasks.send_staff_digest", **EMAIL_TASK_OPTIONS)
def send_staff_digest() -> dict[str, int]:
    """Daily (Celery beat): counts only, to the staff address: new, overdue, due this week."""
    today = timezone.localdate()
    with transaction.atomic():
        _digest, created = StaffDigest.objects.get_or_create(sent_on=today)
        if not created:
            return {}
        counts = selectors.digest_counts(today)
        _send(
            subject="Requests for more help today",
            template="ta_requests/email/digest.txt",
            context={**counts, "url": _url("ta_requests:staff_queue")},
            to=settings.STAFF_NOTIFICATION_EMAIL,
        )
    return counts
