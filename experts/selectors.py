"""Reads of listings that carry rules: who may find what, the search with its facet counts,
and the staff queue. Every page here costs a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.membership import membership_pending
from accounts.permissions import can_search_experts, is_clinic
from audit.services import fetch_audited_or_404
from cgrs.versioned_cache import VersionedCache
from experts.models import (
    AVAILABILITY_LAPSES_AFTER,
    LANGUAGE_CHOICES,
    Availability,
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


@dataclass(frozen=True)
class _Row:
    """The facet-relevant columns of one listed listing (no contact details, no text)."""

    pk: int
    name: str
    types: frozenset[str]
    countries: frozenset[str]
    topics: frozenset[int]
    languages: frozenset[str]
    fee: str
    # When "accepting new cases" was last confirmed, or None when it is not set.
    accepting_since: datetime | None
    clinic: bool

    def accepting(self, cutoff: datetime) -> bool:
        return self.accepting_since is not None and self.accepting_since >= cutoff


# Per process and database: the rows, by version. Listings change rarely and the search runs
# often, so the facet columns are read again only when the version changes (see _listed_rows).
_ROWS: VersionedCache[list[_Row]] = VersionedCache(size=4)


def _fetch_rows() -> list[_Row]:
    """One query: every listed listing's facet columns, topics aggregated in SQL."""
    through = Listing.topics.through
    topic_ids = ArraySubquery(
        through.objects.filter(listing_id=OuterRef("pk")).values("persecutiontype_id")
    )
    rows = []
    for values in (
        Listing.objects.listed()
        .annotate(topic_ids=topic_ids)
        .values_list(
            "pk",
            "display_name",
            "expert_types",
            "countries",
            "topic_ids",
            "languages",
            "fee_terms",
            "availability",
            "availability_confirmed_at",
            "is_clinic",
        )
    ):
        pk, name, types, codes, topics, languages, fee, availability, confirmed, clinic = values
        rows.append(
            _Row(
                pk=pk,
                name=name,
                types=frozenset(types),
                countries=frozenset(codes),
                topics=frozenset(topics or ()),
                languages=frozenset(languages),
                fee=fee,
                accepting_since=confirmed if availability == Availability.ACCEPTING else None,
                clinic=clinic,
            )
        )
    return rows


def _listed_rows() -> list[_Row]:
    """The facet rows of every listed listing, re-read only when the catalogue changed.

    The version is one indexed aggregate: how many listings are listed, the highest id and the
    latest change. Every write to a listing saves `updated_at` (the services make sure of it,
    bulk updates included), and a listing leaving the list changes the count.
    """
    version = Listing.objects.listed().aggregate(
        n=Count("id"), last_id=Max("id"), changed=Max("updated_at")
    )
    key = (version["n"], version["last_id"], version["changed"])
    return _ROWS.get("listed", key, _fetch_rows)


# One bit per filter group, for the set of groups a row fails.
BIT = {group: 1 << i for i, group in enumerate(GROUPS)}


def _failed_groups(
    row: _Row, filters: dict, topic_ids: frozenset[int], languages: frozenset[str], accepting: bool
) -> int:
    """The groups whose filter the row fails, as bits (an empty filter passes everything)."""
    failed = 0
    if filters["type"] and filters["type"] not in row.types:
        failed |= BIT["type"]
    if filters["country"] and filters["country"] not in row.countries:
        failed |= BIT["country"]
    if topic_ids and topic_ids.isdisjoint(row.topics):
        failed |= BIT["topic"]
    if filters["fee"] and row.fee not in filters["fee"]:
        failed |= BIT["fee"]
    if languages and languages.isdisjoint(row.languages):
        failed |= BIT["language"]
    if filters["accepting"] and not accepting:
        failed |= BIT["accepting"]
    if filters["clinic"] and not row.clinic:
        failed |= BIT["clinic"]
    return failed


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
    group are OR-ed, groups AND-ed. Four queries whatever the data: the topic vocabulary, the
    facet columns of every searchable listing (counted here in Python: the database holds
    hundreds to a few thousand listings, so this beats one GROUP BY per group), the page's
    listings and their topics.
    """
    now = now or timezone.now()
    slug_to_id = {term.slug: term.pk for term in topic_terms}
    selected_topics = frozenset(slug_to_id[s] for s in filters["topic"] if s in slug_to_id)
    # SECURITY: only attorneys and staff search, and only listed profiles (S3).
    rows = _listed_rows() if can_search_experts(user) else []
    cutoff = now - AVAILABILITY_LAPSES_AFTER

    # For each row, whether it is accepting now and the groups whose filter it fails. A row
    # counts towards a group's values when it fails no other group: one pass over the rows
    # per group, whatever the number of values.
    languages = frozenset(filters["language"])
    failures = []
    for row in rows:
        accepting = row.accepting(cutoff)
        failed = _failed_groups(row, filters, selected_topics, languages, accepting)
        if failed & (failed - 1) and failed != BIT["type"] | BIT["country"]:
            continue  # fails two groups or more: it counts nowhere
        failures.append((row, accepting, failed))

    def tally(group: str, values_of) -> Counter:
        # The type links drop the country (it belongs to country conditions), so the type
        # counts ignore it too: each count is what following that link gives.
        ignored = BIT[group] | BIT["country"] if group == "type" else BIT[group]
        counts: Counter = Counter()
        for row, accepting, failed in failures:
            if not failed & ~ignored:
                counts.update(values_of(row, accepting))
        return counts

    facets: dict[str, list[FacetValue]] = {}
    counts = tally("type", lambda r, a: r.types)
    facets["type"] = [
        FacetValue(v, str(label), counts[v], v == filters["type"])
        for v, label in ExpertType.choices
    ]
    country_names = dict(countries)
    facets["country"] = []
    if filters["type"] == ExpertType.COUNTRY_CONDITIONS:
        counts = tally("country", lambda r, a: r.countries)
        if filters["country"]:
            counts.setdefault(filters["country"], 0)
        facets["country"] = sorted(
            (
                FacetValue(code, str(country_names.get(code, code)), n, code == filters["country"])
                for code, n in counts.items()
            ),
            key=lambda f: f.label,
        )
    counts = tally("topic", lambda r, a: r.topics)
    facets["topic"] = [
        FacetValue(term.slug, term.name, counts[term.pk], term.pk in selected_topics)
        for term in topic_terms
    ]
    counts = tally("fee", lambda r, a: (r.fee,))
    facets["fee"] = [
        FacetValue(v, str(label), counts[v], v in filters["fee"]) for v, label in FeeTerms.choices
    ]
    counts = tally("language", lambda r, a: r.languages)
    facets["language"] = [
        FacetValue(v, str(label), counts[v], v in filters["language"])
        for v, label in LANGUAGE_CHOICES
        if counts[v] or v in filters["language"]
    ]
    counts = tally("accepting", lambda r, a: ("1",) if a else ())
    facets["accepting"] = [FacetValue("1", "", counts["1"], filters["accepting"])]
    counts = tally("clinic", lambda r, a: ("1",) if r.clinic else ())
    facets["clinic"] = [FacetValue("1", "", counts["1"], filters["clinic"])]

    result = SearchResult(
        filters=filters,
        facets=facets,
        total=0,
        page=None,
        country_name=str(country_names.get(filters["country"], "")),
        topic_names={term.pk: term.name for term in topic_terms},
    )
    if not filters["type"]:
        # The expert type comes first: no result list until one is chosen.
        return result
    matching = sorted(
        ((row, accepting) for row, accepting, failed in failures if not failed),
        key=lambda entry: (not entry[1], entry[0].name.lower(), entry[0].pk),
    )
    result.total = len(matching)
    page = Paginator([row.pk for row, _accepting in matching], RESULTS_PER_PAGE).get_page(
        page_number
    )
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
            [topic.name for topic in listing.topics.all()] + list(listing.other_topics)
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
