""" "Accepting new cases": confirming it, its lapse, the reminders due, and the signed
one-click reconfirm link.
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from experts.models import (
    AVAILABILITY_LAPSES_AFTER,
    AVAILABILITY_REMINDER_BEFORE,
    Availability,
    EventKind,
    Listing,
    ListingEvent,
)
from experts.services.listings_version import listings_changed

RECONFIRM_SALT = "experts.availability-reconfirm"
# The one-click link in the reminder works this long (the reminder goes out a week before the
# lapse, so the link outlives the lapse by two weeks: a late click still restores the flag).
RECONFIRM_LINK_MAX_AGE = 21 * 24 * 60 * 60


def availability_confirm(*, listing: Listing, actor: User | None) -> ListingEvent:
    """The keeper confirms they are accepting new cases (from their listing or the emailed
    link): the flag is good for another lapse period."""
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        locked.availability = Availability.ACCEPTING
        locked.availability_confirmed_at = timezone.now()
        locked.save(update_fields=["availability", "availability_confirmed_at", "updated_at"])
        listings_changed()
        event = ListingEvent.objects.create(
            listing=locked, actor=actor, kind=EventKind.AVAILABILITY_CONFIRMED
        )
    listing.refresh_from_db()
    return event


def availability_lapse_stale(*, now: datetime | None = None) -> int:
    """Set "accepting new cases" to "unknown" where it was not reconfirmed within the lapse
    period, logging each. Returns how many lapsed. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = list(
            Listing.objects.select_for_update(skip_locked=True)
            .filter(
                availability=Availability.ACCEPTING,
                availability_confirmed_at__lt=now - AVAILABILITY_LAPSES_AFTER,
            )
            .values_list("pk", flat=True)
        )
        if not stale:
            return 0
        Listing.objects.filter(pk__in=stale).update(
            availability=Availability.UNKNOWN, updated_at=now
        )
        listings_changed()
        ListingEvent.objects.bulk_create(
            ListingEvent(listing_id=pk, kind=EventKind.AVAILABILITY_LAPSED, created_at=now)
            for pk in stale
        )
    return len(stale)


def availability_reminders_due(*, now: datetime | None = None) -> list[int]:
    """Listings whose "accepting" flag lapses within a week and whose keeper has not been
    reminded since they last confirmed it."""
    now = now or timezone.now()
    window_start = now - AVAILABILITY_LAPSES_AFTER
    window_end = window_start + AVAILABILITY_REMINDER_BEFORE
    return list(
        Listing.objects.filter(
            availability=Availability.ACCEPTING,
            availability_confirmed_at__gte=window_start,
            availability_confirmed_at__lt=window_end,
        )
        .filter(
            Q(availability_reminder_sent_at__isnull=True)
            | Q(availability_reminder_sent_at__lt=F("availability_confirmed_at"))
        )
        .values_list("pk", flat=True)
    )


def reconfirm_token(listing: Listing) -> str:
    """A signed, expiring token for the one-click reconfirm link. It names the confirmation it
    renews, so it stops working once the keeper changes or renews their availability."""
    stamp = (
        listing.availability_confirmed_at.isoformat() if listing.availability_confirmed_at else ""
    )
    return signing.dumps({"l": listing.pk, "c": stamp}, salt=RECONFIRM_SALT, compress=True)


def listing_for_reconfirm_token(token: str) -> Listing | None:
    """The listing a reconfirm token is for, or None when it is forged, expired or spent."""
    try:
        payload = signing.loads(token, salt=RECONFIRM_SALT, max_age=RECONFIRM_LINK_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("l"), int):
        return None
    listing = Listing.objects.filter(pk=payload["l"]).first()
    if listing is None or listing.availability == Availability.NOT_ACCEPTING:
        return None
    stamp = (
        listing.availability_confirmed_at.isoformat() if listing.availability_confirmed_at else ""
    )
    if stamp != payload.get("c"):
        return None
    return listing
