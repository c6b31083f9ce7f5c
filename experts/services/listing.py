"""The keeper's listing: create, edit (logging old -> new values; some edits send it back
to staff), submit for vetting, and the CV file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as country_names

from accounts import permissions
from accounts.membership import acts_for_organization
from accounts.models import User
from cgrs.files import random_file_name
from cgrs.tasks import enqueue
from experts.models import (
    LANGUAGE_NAMES,
    STATE_NAMES,
    Availability,
    EventKind,
    ExpertType,
    FeeTerms,
    Listing,
    ListingEvent,
    ListingStatus,
)
from experts.services.listings_version import listings_changed
from taxonomy.models import PersecutionType

# How attorneys reach the expert or clinic. A change to them is how a listing is hijacked
# (S16): it is reviewed again and the previous contact address is told.
CONTACT_FIELDS = frozenset({"contact_email", "phone", "website"})
# A change to these sends a listed profile back to staff for review; other edits go live. A
# new CV too: staff review the file attorneys will download.
REVIEW_FIELDS = frozenset({"display_name", "credentials", "expert_types", "cv"}) | CONTACT_FIELDS
# Statuses from which the keeper may submit (again).
SUBMITTABLE = frozenset(
    {ListingStatus.DRAFT, ListingStatus.CHANGES_REQUESTED, ListingStatus.NOT_LISTED}
)


CV_DIRECTORY = "experts/cv"


class ListingError(Exception):
    """A write that the listing's state does not allow; the message is for the user."""


@dataclass(frozen=True)
class ListingDetails:
    """Everything the keeper of a listing enters (the form's cleaned data)."""

    display_name: str
    credentials: str
    expert_types: list[str]
    languages: list[str]
    fee_terms: str
    contact_email: str
    availability: str
    affiliation: str = ""
    countries: list[str] = field(default_factory=list)
    topics: list[PersecutionType] = field(default_factory=list)
    other_topics: list[str] = field(default_factory=list)
    works_remotely: bool = False
    in_person_states: list[str] = field(default_factory=list)
    detention_visits: bool = False
    fee_details: str = ""
    phone: str = ""
    website: str = ""
    publications: str = ""
    testimony_count: int = 0
    testimony_courts: str = ""


SIMPLE_FIELDS = [f.name for f in fields(ListingDetails) if f.name != "topics"]

FIELD_LABELS = {
    "display_name": gettext_lazy("Name"),
    "credentials": gettext_lazy("Credentials"),
    "affiliation": gettext_lazy("Affiliation"),
    "expert_types": gettext_lazy("Expert type"),
    "countries": gettext_lazy("Countries of expertise"),
    "topics": gettext_lazy("Topics of expertise"),
    "other_topics": gettext_lazy("Other topics"),
    "languages": gettext_lazy("Languages"),
    "works_remotely": gettext_lazy("Works remotely"),
    "in_person_states": gettext_lazy("In person in"),
    "detention_visits": gettext_lazy("Detention facility visits"),
    "fee_terms": gettext_lazy("Fees"),
    "fee_details": gettext_lazy("Fee details"),
    "availability": gettext_lazy("Accepting new cases"),
    "contact_email": gettext_lazy("Contact email"),
    "phone": gettext_lazy("Phone"),
    "website": gettext_lazy("Website"),
    "publications": gettext_lazy("Publications"),
    "testimony_count": gettext_lazy("Prior testimony (count)"),
    "testimony_courts": gettext_lazy("Prior testimony (courts)"),
    "cv": gettext_lazy("CV"),
}


def _display(name: str, value) -> str:
    """A history-friendly rendering of one field's value."""
    if name == "expert_types":
        return ", ".join(str(ExpertType(v).label) for v in value)
    if name == "countries":
        return ", ".join(str(country_names.name(code)) for code in value)
    if name == "languages":
        return ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in value)
    if name == "in_person_states":
        return ", ".join(STATE_NAMES.get(code, code) for code in value)
    if name == "topics":
        return ", ".join(sorted(str(t) for t in value))
    if name == "fee_terms":
        return str(FeeTerms(value).label) if value else ""
    if name == "availability":
        return str(Availability(value).label) if value else ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _snapshot(listing: Listing, topics) -> dict[str, str]:
    values = {name: _display(name, getattr(listing, name)) for name in SIMPLE_FIELDS}
    values["topics"] = _display("topics", topics)
    return values


def _details_snapshot(details: ListingDetails) -> dict[str, str]:
    return {f.name: _display(f.name, getattr(details, f.name)) for f in fields(ListingDetails)}


def cv_store(upload: File) -> str:
    """Save a validated CV under a random name in the private default storage."""
    upload.seek(0)
    # SECURITY: the stored name says nothing about the person or the uploaded file's name (S7).
    return default_storage.save(random_file_name(CV_DIRECTORY, ".pdf"), upload)


def _delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _apply(listing: Listing, details: ListingDetails, *, now: datetime) -> None:
    previous_availability = listing.availability
    for name in SIMPLE_FIELDS:
        setattr(listing, name, getattr(details, name))
    if ExpertType.COUNTRY_CONDITIONS not in details.expert_types:
        listing.countries = []
    if details.availability != previous_availability or listing.availability_confirmed_at is None:
        # Choosing an availability is confirming it.
        listing.availability_confirmed_at = now


def listing_create(*, keeper: User, details: ListingDetails, cv: File | None = None) -> Listing:
    """Create the keeper's draft listing: an expert's own, or their clinic's."""
    is_clinic = permissions.is_clinic(keeper)
    if is_clinic and not keeper.organization_id:
        raise ListingError(_("Your account names no clinic, so it cannot keep a listing."))
    if is_clinic and not acts_for_organization(keeper):
        raise ListingError(
            _(
                "Your membership of this clinic is not confirmed yet, so you cannot keep "
                "its listing."
            )
        )
    if not permissions.keeps_listing(keeper):
        raise ListingError(_("Only expert and clinic accounts keep listings."))
    now = timezone.now()
    with transaction.atomic():
        listing = Listing(
            is_clinic=is_clinic,
            owner=None if is_clinic else keeper,
            organization_id=keeper.organization_id if is_clinic else None,
        )
        _apply(listing, details, now=now)
        if cv is not None:
            listing.cv.name = cv_store(cv)
            listing.cv_uploaded_at = now
        listing.save()
        listing.topics.set(details.topics)
        ListingEvent.objects.create(listing=listing, actor=keeper, kind=EventKind.CREATED)
        listings_changed()
    return listing


class ListingSaved(enum.Enum):
    """What saving the keeper's form did, for the message the page shows."""

    CREATED = "created"
    UNCHANGED = "unchanged"
    SENT_BACK_FOR_REVIEW = "sent_back_for_review"
    SAVED = "saved"


def listing_save(
    *, keeper: User, listing: Listing | None, details: ListingDetails, cv: File | None = None
) -> ListingSaved:
    """The keeper's form, saved: a new draft when they keep no listing yet, else their edit.
    A listed profile whose edit needs staff review again says so."""
    if listing is None:
        listing_create(keeper=keeper, details=details, cv=cv)
        return ListingSaved.CREATED
    was_listed = listing.status == ListingStatus.LISTED
    event = listing_update(listing=listing, editor=keeper, details=details, cv=cv)
    if event is None:
        return ListingSaved.UNCHANGED
    if was_listed and listing.status == ListingStatus.SUBMITTED:
        return ListingSaved.SENT_BACK_FOR_REVIEW
    return ListingSaved.SAVED


def listing_update(
    *, listing: Listing, editor: User, details: ListingDetails, cv: File | None = None
) -> ListingEvent | None:
    """Apply the keeper's edit and log old -> new values.

    Edits to a listed profile go live at once, except a change to the name, credentials or
    expert type: that sends the listing back to staff (status "submitted", out of search)
    until they approve it again. Returns the history entry, or None when nothing changed.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        before = _snapshot(locked, locked.topics.all())
        after = _details_snapshot(details)
        if ExpertType.COUNTRY_CONDITIONS not in details.expert_types:
            after["countries"] = ""
        changes = [
            {
                "field": name,
                "label": str(FIELD_LABELS[name]),
                "old": before[name],
                "new": value,
            }
            for name, value in after.items()
            if before[name] != value
        ]
        old_cv = ""
        if cv is not None:
            old_cv = locked.cv.name
            changes.append(
                {"field": "cv", "label": str(FIELD_LABELS["cv"]), "old": "", "new": _("New CV")}
            )
        if not changes:
            return None
        _apply(locked, details, now=now)
        if cv is not None:
            locked.cv.name = cv_store(cv)
            locked.cv_uploaded_at = now
        changed = {change["field"] for change in changes}
        kind = EventKind.EDITED
        if locked.status == ListingStatus.LISTED and changed & REVIEW_FIELDS:
            locked.status = ListingStatus.SUBMITTED
            locked.submitted_at = now
            kind = EventKind.RETURNED_FOR_REVIEW
        locked.save()
        locked.topics.set(details.topics)
        listings_changed()
        _delete_file_after_commit(old_cv)
        event = ListingEvent.objects.create(
            listing=locked, actor=editor, kind=kind, changes=changes
        )
        if changed & CONTACT_FIELDS:
            # Tell the previous contact address once this commits.
            enqueue("experts.tasks.send_contact_change_notice", event.pk)
    listing.refresh_from_db()
    return event


def listing_submit(*, listing: Listing, actor: User) -> ListingEvent:
    """Send a draft (or a listing staff sent back) to the vetting queue."""
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status not in SUBMITTABLE:
            raise ListingError(_("This listing is already with CGRS staff or listed."))
        if not locked.is_clinic and not locked.cv:
            raise ListingError(_("Upload your CV (a PDF) before submitting your listing."))
        locked.status = ListingStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        listings_changed()
        event = ListingEvent.objects.create(listing=locked, actor=actor, kind=EventKind.SUBMITTED)
    listing.refresh_from_db()
    return event
