"""The emails about a listing, sent by Celery tasks with ids only, each at most once."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role, User
from cgrs.email import send_email, site_url
from experts.models import (
    STATUS_EMAIL_EVENTS,
    Availability,
    EventKind,
    Listing,
    ListingEvent,
    ListingStatus,
)
from experts.services.availability import reconfirm_token
from experts.services.listing import CONTACT_FIELDS

logger = logging.getLogger(__name__)


def keeper_emails(listing: Listing) -> list[str]:
    """Where a listing's emails go: the expert, or the clinic's active representatives.
    Inactive placeholder owners (demo listings) get nothing."""
    if listing.is_clinic:
        return list(
            # SECURITY (S16): only verified members hear about the clinic's listing.
            User.objects.filter(
                organization_id=listing.organization_id,
                organization_verified=True,
                account_type=Role.CLINIC,
                is_active=True,
            ).values_list("email", flat=True)
        )
    owner = listing.owner
    return [owner.email] if owner is not None and owner.is_active else []


def _send(*, template: str, recipients: list[str], context: dict) -> None:
    # Listings are kept in English by their keepers (experts and clinics writing for US courts).
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"experts/email/{template}_subject.txt", context).strip()
    send_email(
        to=recipients,
        subject=subject,
        template=f"experts/email/{template}_body.txt",
        context=context,
    )


def listing_status_email_send(event_id: int) -> bool:
    """Email the keeper the status a staff decision gave their listing. Only the status and a
    link: the notes are read on the site. Sends once per event however often it runs."""
    claimed = ListingEvent.objects.filter(
        pk=event_id, notified_at__isnull=True, kind__in=STATUS_EMAIL_EVENTS
    ).update(notified_at=timezone.now())
    if not claimed:
        return False
    event = ListingEvent.objects.select_related("listing", "listing__owner").get(pk=event_id)
    recipients = keeper_emails(event.listing)
    if recipients:
        _send(
            template="status",
            recipients=recipients,
            context={
                "status": ListingStatus(event.listing.status).label,
                "url": site_url(reverse("experts:my_listing")),
            },
        )
    logger.info("listing status email for event %s sent", event_id)
    return True


def contact_change_notice_send(event_id: int) -> bool:
    """Tell the listing's previous contact address that its contact details changed, so a
    hijacked listing is noticed by the people it belongs to. Names the fields, never the new
    values. Sends once per event however often it runs."""
    claimed = ListingEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    event = ListingEvent.objects.select_related("listing").get(pk=event_id)
    changes = [c for c in event.changes if c.get("field") in CONTACT_FIELDS]
    if not changes:
        return False
    previous = next(
        (c["old"] for c in changes if c["field"] == "contact_email"),
        event.listing.contact_email,
    )
    if previous:
        _send(
            template="contact_changed",
            recipients=[previous],
            context={
                "fields": ", ".join(c["label"] for c in changes),
                "reviewed": event.kind == EventKind.RETURNED_FOR_REVIEW,
                "url": site_url(reverse("experts:my_listing")),
            },
        )
    logger.info("contact change notice for event %s sent", event_id)
    return True


def availability_reminder_send(listing_id: int) -> bool:
    """Remind the keeper, a week before the lapse, with a one-click reconfirm link. Sends at
    most once per confirmation."""
    now = timezone.now()
    with transaction.atomic():
        listing = (
            Listing.objects.select_for_update(of=("self",))
            .select_related("owner")
            .filter(pk=listing_id, availability=Availability.ACCEPTING)
            .first()
        )
        if listing is None or listing.availability_confirmed_at is None:
            return False
        sent = listing.availability_reminder_sent_at
        if sent is not None and sent >= listing.availability_confirmed_at:
            return False
        listing.availability_reminder_sent_at = now
        # The search shows nothing of when a reminder went out: the listings' version stays.
        listing.save(update_fields=["availability_reminder_sent_at"])
        ListingEvent.objects.create(listing=listing, kind=EventKind.REMINDER_SENT)
        recipients = keeper_emails(listing)
        if recipients:
            _send(
                template="reminder",
                recipients=recipients,
                context={
                    "lapses_on": listing.availability_lapses_on,
                    "url": site_url(
                        reverse("experts:reconfirm", kwargs={"token": reconfirm_token(listing)})
                    ),
                },
            )
    return True
