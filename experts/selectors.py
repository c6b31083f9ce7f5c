"""Reads of listings that carry rules: who may find what, the search with its facet counts,
and the staff queue. Every page here costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.membership import membership_pending
from accounts.permissions import can_search_experts, is_clinic
from audit.services import fetch_audited_or_404
from cgrs.facets import disjunctive_counts, union
from experts.index import NO_LISTINGS, listing_index
from experts.models import (
    AVAILABILITY_LAPSES_AFTER,
    LANGUAGE_CHOICES,
    ExpertType,
    FeeTerms,
    Listing,
    ListingEvent,
    ListingStatus,
)
from taxonomy.models import PersecutionType

RESULTS_PER_PAGE = 20
QUEUE_PER_PAGE = 50
GROUPS = ("type", "country", "topic", "fee", "language", "accepting", "clinic")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    filters: dict
    facets: dict[str, list[FacetValue]]
    total: int
    page: Page | None
    listings: list[Listing] = field(default_factory=list)
    country_name: str = ""
    topic_names: dict[int, str] = field(default_factory=dict)


def topic_vocabulary() -> list[PersecutionType]:
    return list(PersecutionType.objects.all())


def search_listings(
    *,
    user,
    filters: dict,
    page_number,
    topic_terms: list[PersecutionType],
    now: datetime | None = None,
) -> SearchResult:
    """The Expert Witness Database search for attorneys and staff: listed profiles only.

    Counts are disjunctive: each group's counts apply every other group's selection but not
    its own, so a count says how many results choosing that value would give. Values within a
    group are OR-ed, groups AND-ed (cgrs.facets.disjunctive_counts, as the TA Library
    counts). Four queries whatever the data: the topic vocabulary, the listings' version
    (their bitmaps are kept per process, experts.index), the page's listings and their
    topics; a fifth rebuilds the bitmaps after a listing changed.
    """
    now = now or timezone.now()
    slug_to_id = {term.slug: term.pk for term in topic_terms}
    selected_topics = frozenset(slug_to_id[s] for s in filters["topic"] if s in slug_to_id)
    # SECURITY: only attorneys and staff search, and only listed profiles (S3).
    index = listing_index() if can_search_experts(user) else NO_LISTINGS
    accepting = index.accepting(now - AVAILABILITY_LAPSES_AFTER)

    chosen = {}
    if filters["type"]:
        chosen["type"] = index.bitmap("type", filters["type"])
    if filters["country"]:
        chosen["country"] = index.bitmap("country", filters["country"])
    for group, values in (
        ("topic", selected_topics),
        ("fee", filters["fee"]),
        ("language", filters["language"]),
    ):
        if values:
            chosen[group] = union(index.bitmap(group, value) for value in values)
    if filters["accepting"]:
        chosen["accepting"] = accepting
    if filters["clinic"]:
        chosen["clinic"] = index.clinics
    countries_counted = filters["type"] == ExpertType.COUNTRY_CONDITIONS
    country_codes = []
    if countries_counted:
        # Every country some listing covers, and the chosen one even when none does.
        country_codes = sorted({*index.bitmaps.get("country", {}), filters["country"]} - {""})
    options = {
        "type": [index.bitmap("type", v) for v in ExpertType.values],
        "country": [index.bitmap("country", code) for code in country_codes],
        "topic": [index.bitmap("topic", term.pk) for term in topic_terms],
        "fee": [index.bitmap("fee", v) for v in FeeTerms.values],
        "language": [index.bitmap("language", v) for v, _label in LANGUAGE_CHOICES],
        "accepting": [accepting],
        "clinic": [index.clinics],
    }
    # The type links drop the country (it belongs to country conditions), so the type counts
    # ignore it too: each count is what following that link gives.
    matched, counts = disjunctive_counts(
        index.everything, chosen, options, also_ignores={"type": ("country",)}
    )

    facets: dict[str, list[FacetValue]] = {}
    facets["type"] = [
        FacetValue(v, str(label), n, v == filters["type"])
        for (v, label), n in zip(ExpertType.choices, counts["type"], strict=True)
    ]
    country_names = dict(countries)
    facets["country"] = sorted(
        (
            FacetValue(code, str(country_names.get(code, code)), n, code == filters["country"])
            for code, n in zip(country_codes, counts["country"], strict=True)
            if n or code == filters["country"]
        ),
        key=lambda f: f.label,
    )
    facets["topic"] = [
        FacetValue(term.slug, str(term), n, term.pk in selected_topics)
        for term, n in zip(topic_terms, counts["topic"], strict=True)
    ]
    facets["fee"] = [
        FacetValue(v, str(label), n, v in filters["fee"])
        for (v, label), n in zip(FeeTerms.choices, counts["fee"], strict=True)
    ]
    facets["language"] = [
        FacetValue(v, str(label), n, v in filters["language"])
        for (v, label), n in zip(LANGUAGE_CHOICES, counts["language"], strict=True)
        if n or v in filters["language"]
    ]
    facets["accepting"] = [FacetValue("1", "", counts["accepting"][0], filters["accepting"])]
    facets["clinic"] = [FacetValue("1", "", counts["clinic"][0], filters["clinic"])]

    result = SearchResult(
        filters=filters,
        facets=facets,
        total=0,
        page=None,
        country_name=str(country_names.get(filters["country"], "")),
        topic_names={term.pk: str(term) for term in topic_terms},
    )
    if not filters["type"]:
        # The expert type comes first: no result list until one is chosen.
        return result
    # Accepting first, then by name (a place is a listing's position in name order).
    pks = index.pks
    matching = [pks[place] for place in matched & accepting]
    matching += [pks[place] for place in matched - accepting]
    result.total = len(matching)
    page = Paginator(matching, RESULTS_PER_PAGE).get_page(page_number)
    ids = list(page.object_list)
    by_pk = {
        listing.pk: listing
        for listing in Listing.objects.filter(pk__in=ids).prefetch_related("topics")
    }
    result.page = page
    result.listings = [by_pk[pk] for pk in ids if pk in by_pk]
    for listing in result.listings:
        # Card labels joined here, once, rather than looked up value by value in the template.
        listing.card_countries = ", ".join(country_names.get(c, c) for c in listing.countries)
        listing.card_topics = ", ".join(
            [str(topic) for topic in listing.topics.all()] + list(listing.other_topics)
        )
        listing.card_languages = ", ".join(listing.language_labels)
        listing.card_types = listing.expert_type_labels
    return result


def fetch_profile(request, pk: int) -> Listing:
    """A listed profile for an attorney or staff member, else 404. Audits the read."""
    # SECURITY: only listed profiles, only for attorneys and staff (S3); the fetch decides.
    listing = fetch_audited_or_404(
        Listing.objects.for_searcher(request.user)
        .select_related("organization")
        .prefetch_related("topics"),
        actor=request.user,
        object_type="expert_listing",
        object_id=pk,
    )
    return listing


def listing_of(user) -> Listing | None:
    """The listing the signed-in expert or clinic representative keeps, if any."""
    # SECURITY: scoped to the keeper; nobody reaches another's listing through this.
    return Listing.objects.managed_by(user).prefetch_related("topics").first()


def listing_edit_refusal(user) -> str | None:
    """Why `user` may not edit or create a listing now (a message, "" to say nothing), or
    None when they may."""
    if not is_clinic(user):
        return None
    if not user.organization_id:
        return _("Your account names no clinic, so it cannot keep a listing.")
    if membership_pending(user):
        # SECURITY (S16): a claim on a clinic neither edits nor creates its listing.
        return ""
    return None


def new_listing_initial(user) -> dict:
    """What the form for a first listing starts with: the keeper's email, and the clinic's
    or the person's name."""
    initial = {"contact_email": user.email}
    if is_clinic(user) and user.organization:
        initial["display_name"] = user.organization.name
    elif user.full_name:
        initial["display_name"] = user.full_name
    return initial


def listing_events(listing: Listing, *, limit: int = 50) -> list[ListingEvent]:
    return list(listing.events.select_related("actor")[:limit])


def review_queue(*, status: str) -> QuerySet[Listing]:
    """Listings in one status for staff, oldest submission first."""
    return (
        Listing.objects.filter(status=status)
        .select_related("owner", "organization")
        .order_by("submitted_at", "id")
    )


def status_counts() -> dict[str, int]:
    """How many listings are in each status (one GROUP BY)."""
    counts = dict.fromkeys(ListingStatus.values, 0)
    for row in Listing.objects.values("status").annotate(n=Count("id")).order_by():
        counts[row["status"]] = row["n"]
    return counts
