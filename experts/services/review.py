"""Staff vetting of a submitted listing: approve (listed), ask for changes, or reject."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cgrs.tasks import enqueue
from experts.models import EventKind, Listing, ListingEvent, ListingStatus
from experts.services.listing import ListingError
from experts.services.listings_version import listings_changed


class ReviewDecision:
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"


def listing_review(
    *, listing: Listing, reviewer: User, decision: str, notes: str, checklist: dict[str, bool]
) -> ListingEvent:
    """Staff decide on a submitted listing: approve (listed), ask for changes, or reject.

    The keeper is emailed the new status (no details, just the status and a link) once the
    decision commits.
    """
    kinds = {
        ReviewDecision.APPROVE: (EventKind.APPROVED, ListingStatus.LISTED),
        ReviewDecision.REQUEST_CHANGES: (
            EventKind.CHANGES_REQUESTED,
            ListingStatus.CHANGES_REQUESTED,
        ),
        ReviewDecision.REJECT: (EventKind.REJECTED, ListingStatus.NOT_LISTED),
    }
    if decision not in kinds:
        raise ListingError(_("Choose approve, ask for changes or reject."))
    kind, status = kinds[decision]
    if decision == ReviewDecision.APPROVE and not all(checklist.values()):
        raise ListingError(_("Complete the vetting checklist before approving."))
    now = timezone.now()
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status != ListingStatus.SUBMITTED:
            raise ListingError(_("This listing is not waiting for review."))
        locked.status = status
        locked.staff_notes = notes
        if status == ListingStatus.LISTED:
            locked.listed_at = now
        locked.save(update_fields=["status", "staff_notes", "listed_at", "updated_at"])
        listings_changed()
        event = ListingEvent.objects.create(
            listing=locked, actor=reviewer, kind=kind, notes=notes, checklist=checklist
        )
        enqueue("experts.tasks.send_listing_status_email", event.pk)
    listing.refresh_from_db()
    return event
