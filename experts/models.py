"""The Expert Witness Database: listings of experts and clinics, and what happened to them.

A listing belongs either to one expert (a user with account type "expert") or to one clinic
(an organization, managed by its registered clinic representatives). Demo listings belong to
inactive placeholder users with unusable passwords, so they need no login of their own.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.membership import acts_for_organization
from accounts.models import Organization
from accounts.permissions import (
    can_search_experts,
    is_attorney,
    is_cgrs_staff,
    is_clinic,
    is_expert,
)
from accounts.us_states import US_STATE_CHOICES
from cgrs.models import VersionStamp
from taxonomy.models import PersecutionType

# "Accepting new cases" lapses to "unknown" when not reconfirmed for this long; the reminder
# goes out a week before.
AVAILABILITY_LAPSES_AFTER = timedelta(days=90)
AVAILABILITY_REMINDER_BEFORE = timedelta(days=7)


class ExpertType(models.TextChoices):
    COUNTRY_CONDITIONS = "country_conditions", _("Country conditions")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    MEDICAL = "medical", _("Physical/medical health")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    LISTED = "listed", _("Listed")
    CHANGES_REQUESTED = "changes_requested", _("Needs changes")
    NOT_LISTED = "not_listed", _("Not listed")


class FeeTerms(models.TextChoices):
    FEE = "fee", _("Charges a fee")
    PRO_BONO = "pro_bono", _("Pro bono")
    SLIDING_SCALE = "sliding_scale", _("Sliding scale")


class Availability(models.TextChoices):
    ACCEPTING = "accepting", _("Accepting new cases")
    NOT_ACCEPTING = "not_accepting", _("Not accepting new cases")
    UNKNOWN = "unknown", _("Availability unknown")


# Languages experts work in, by ISO 639 code (639-3 where there is no two-letter code).
LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("ht", _("Haitian Creole")),
    ("ar", _("Arabic")),
    ("fa", _("Persian (Farsi/Dari)")),
    ("ps", _("Pashto")),
    ("ur", _("Urdu")),
    ("hi", _("Hindi")),
    ("pa", _("Punjabi")),
    ("bn", _("Bengali")),
    ("ne", _("Nepali")),
    ("ta", _("Tamil")),
    ("zh", _("Chinese (Mandarin)")),
    ("yue", _("Cantonese")),
    ("vi", _("Vietnamese")),
    ("my", _("Burmese")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("tr", _("Turkish")),
    ("ku", _("Kurdish")),
    ("am", _("Amharic")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("sw", _("Swahili")),
    ("ln", _("Lingala")),
    ("wo", _("Wolof")),
    ("quc", _("K'iche'")),
    ("mam", _("Mam")),
    ("kjb", _("Q'anjob'al")),
    ("asl", _("American Sign Language")),
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
STATE_NAMES = dict(US_STATE_CHOICES)


class ListingQuerySet(models.QuerySet):
    def listed(self):
        """Vetted listings: the only ones attorneys ever see."""
        return self.filter(status=ListingStatus.LISTED)

    def for_searcher(self, user):
        """What `user` may find in the search and open as a profile."""
        return self.listed() if can_search_experts(user) else self.none()

    def managed_by(self, user):
        """The listing(s) `user` keeps: an expert's own, or their clinic's."""
        if not user.is_authenticated:
            return self.none()
        if is_expert(user):
            return self.filter(owner=user, is_clinic=False)
        if is_clinic(user) and acts_for_organization(user):
            # SECURITY: a clinic representative manages only their own organization's listing,
            # and only once their membership is verified (S16): naming another clinic's
            # organization is a claim, not a takeover.
            return self.filter(organization_id=user.organization_id, is_clinic=True)
        return self.none()

    def cv_readable_by(self, user):
        """Whose CV `user` may download: attorneys listed ones, staff all, owners their own."""
        if not user.is_authenticated:
            return self.none()
        if is_cgrs_staff(user):
            return self
        if is_attorney(user):
            return self.listed()
        return self.managed_by(user)


def accepting_q(now=None) -> Q:
    """Listings accepting new cases, confirmed within the lapse period (the sweep sets stale
    ones to "unknown"; this keeps the search truthful between sweeps)."""
    now = now or timezone.now()
    return Q(
        availability=Availability.ACCEPTING,
        availability_confirmed_at__gte=now - AVAILABILITY_LAPSES_AFTER,
    )


class Listing(models.Model):
    """One entry in the Expert Witness Database."""

    is_clinic = models.BooleanField(default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="expert_listings",
        help_text=_("The expert who keeps this listing (individual listings)."),
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="expert_listings",
        help_text=_("The clinic this listing is for (clinic listings)."),
    )
    status = models.CharField(
        max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    staff_notes = models.TextField(
        blank=True, help_text=_("Notes from CGRS staff to the expert, shown on their listing.")
    )

    display_name = models.CharField(max_length=200)
    credentials = models.TextField()
    affiliation = models.CharField(max_length=200, blank=True)
    expert_types = ArrayField(models.CharField(max_length=24, choices=ExpertType.choices))
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    topics = models.ManyToManyField(PersecutionType, blank=True, related_name="expert_listings")
    other_topics = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=8, choices=LANGUAGE_CHOICES))
    works_remotely = models.BooleanField(default=False)
    in_person_states = ArrayField(
        models.CharField(max_length=2, choices=US_STATE_CHOICES), default=list, blank=True
    )
    detention_visits = models.BooleanField(default=False)
    fee_terms = models.CharField(max_length=16, choices=FeeTerms.choices)
    fee_details = models.TextField(blank=True)
    availability = models.CharField(
        max_length=16, choices=Availability.choices, default=Availability.UNKNOWN
    )
    availability_confirmed_at = models.DateTimeField(null=True, blank=True)
    availability_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    contact_email = models.EmailField()
    phone = models.CharField(max_length=32, blank=True)
    website = models.URLField(max_length=300, blank=True)
    # Stored under a random name in the default (private) storage; never served directly.
    cv = models.FileField(max_length=200, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)
    publications = models.TextField(blank=True)
    testimony_count = models.PositiveIntegerField(default=0)
    testimony_courts = models.TextField(blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    listed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["display_name", "id"]
        constraints = [
            models.CheckConstraint(
                name="listing_has_its_keeper",
                condition=(Q(is_clinic=True, organization__isnull=False))
                | (Q(is_clinic=False, owner__isnull=False)),
            ),
            models.UniqueConstraint(
                fields=["owner"], condition=Q(is_clinic=False), name="one_listing_per_expert"
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(is_clinic=True),
                name="one_listing_per_clinic",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="listing_status_submitted"),
            GinIndex(fields=["expert_types"], name="listing_expert_types"),
            GinIndex(fields=["countries"], name="listing_countries"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def accepting_now(self) -> bool:
        return (
            self.availability == Availability.ACCEPTING
            and self.availability_confirmed_at is not None
            and self.availability_confirmed_at >= timezone.now() - AVAILABILITY_LAPSES_AFTER
        )

    @property
    def availability_shown(self) -> str:
        """What attorneys see: a stale "accepting" shows as unknown."""
        if self.availability == Availability.ACCEPTING and not self.accepting_now:
            return Availability.UNKNOWN
        return self.availability

    @property
    def availability_label(self) -> str:
        return Availability(self.availability_shown).label

    @property
    def availability_lapses_on(self):
        if self.availability != Availability.ACCEPTING or not self.availability_confirmed_at:
            return None
        return self.availability_confirmed_at + AVAILABILITY_LAPSES_AFTER

    @property
    def expert_type_labels(self) -> list[str]:
        return [str(ExpertType(t).label) for t in self.expert_types if t in ExpertType.values]

    @property
    def language_labels(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.languages]

    @property
    def state_labels(self) -> list[str]:
        return [STATE_NAMES.get(code, code) for code in self.in_person_states]

    @property
    def status_class(self) -> str:
        """The status pill's colour class (the status is always shown as text too)."""
        return {
            ListingStatus.DRAFT: "status-neutral",
            ListingStatus.SUBMITTED: "status-info",
            ListingStatus.LISTED: "status-success",
            ListingStatus.CHANGES_REQUESTED: "status-warning",
            ListingStatus.NOT_LISTED: "status-danger",
        }.get(self.status, "status-neutral")

    @property
    def country_labels(self) -> list[str]:
        from django_countries import countries

        return [str(countries.name(code)) for code in self.countries]

    @property
    def is_country_conditions(self) -> bool:
        return ExpertType.COUNTRY_CONDITIONS in self.expert_types


class ListingsVersion(VersionStamp):
    """One row whose number every write that changes what the expert search shows sets, in
    the write's own transaction (experts.services.listings_version.listings_changed).

    Each process keeps the listed listings' bitmaps (experts.index) and rebuilds them when
    this number differs from the one it built them at: one indexed read per search. The
    number comes from a sequence, so it is never reused, even after a rollback.
    """

    SEQUENCE = "experts_listings_version_seq"

    def __str__(self) -> str:
        return f"listings v{self.version}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Listing created")
    EDITED = "edited", _("Listing edited")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED_FOR_REVIEW = "returned_for_review", _("Sent back for review after an edit")
    APPROVED = "approved", _("Approved and listed")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Not listed")
    AVAILABILITY_CONFIRMED = "availability_confirmed", _("Availability confirmed")
    AVAILABILITY_LAPSED = "availability_lapsed", _("Availability lapsed to unknown")
    REMINDER_SENT = "reminder_sent", _("Availability reminder sent")


# Events the expert is emailed about.
STATUS_EMAIL_EVENTS = frozenset(
    {EventKind.APPROVED, EventKind.CHANGES_REQUESTED, EventKind.REJECTED}
)


class ListingEvent(models.Model):
    """One entry in a listing's history: edits (old -> new), submissions, staff decisions with
    their vetting checklist and notes, availability changes. Written by the services."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    changes = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    checklist = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the expert has been emailed about this event (keeps the email task idempotent).
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.listing_id} {self.kind} at {self.created_at:%Y-%m-%d %H:%M}"
