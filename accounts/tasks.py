"""Thin Celery wrappers: ids in, a service or an email out."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import ProSeFollowUp
from cgrs.email import send_email, site_url
from cgrs.tasks import EMAIL_TASK_OPTIONS


@shared_task(
    name="accounts.tasks.notify_staff_of_pro_se_registration",
    **EMAIL_TASK_OPTIONS,
)
def notify_staff_of_pro_se_registration(follow_up_id: int) -> bool:
    """Tell staff a pro se registration is waiting. Sent once per follow-up item; the email
    carries no name, email or case detail, only a link to the queue."""
    with transaction.atomic():
        # Idempotent: the row lock and the timestamp make a rerun send nothing; a failed send
        # rolls the timestamp back so the retry sends it.
        follow_up = (
            ProSeFollowUp.objects.select_for_update()
            .filter(pk=follow_up_id, staff_notified_at__isnull=True)
            .first()
        )
        if follow_up is None:
            return False
        _send_staff_notice()
        follow_up.staff_notified_at = timezone.now()
        follow_up.save(update_fields=["staff_notified_at"])
    return True


def _send_staff_notice() -> None:
    send_email(
        to=[settings.STAFF_NOTIFICATION_EMAIL],
        subject="New pro se registration waiting",
        template="accounts/email/pro_se_registration.txt",
        context={"queue_url": site_url(reverse("accounts:staff_follow_ups"))},
    )
