"""Reads of listings that carry rules: who may find what, the search with its facet counts,
and the staff queue. Every page here costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django_countries import countries

from audit.models import AuditAction
from audit.services import audit_record
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
    """The facet-relevant columns of one listing (no contact details, no text)."""

    pk: int
    name: str
    types: frozenset[str]
    countries: frozenset[str]
    topics: frozenset[int]
    languages: frozenset[str]
    fee: str
    accepting: bool
    clinic: bool


def _rows(queryset: QuerySet[Listing], now: datetime) -> list[_Row]:
    """One query: every searchable listing's facet columns, topics aggregated in SQL."""
    through = Listing.topics.through
    topic_ids = ArraySubquery(
        through.objects.filter(listing_id=OuterRef("pk")).values("persecutiontype_id")
    )
    lapse_cutoff = now - AVAILABILITY_LAPSES_AFTER
    rows = []
    for values in queryset.annotate(topic_ids=topic_ids).values_list(
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
                accepting=availability == Availability.ACCEPTING
                and confirmed is not None
                and confirmed >= lapse_cutoff,
                clinic=clinic,
            )
        )
    return rows


def _matches(row: _Row, filters: dict, topic_ids: frozenset[int]) -> dict[str, bool]:
    """Whether the row passes each group's filter (an empty filter passes everything)."""
    return {
        "type": not filters["type"] or filters["type"] in row.types,
        "country": not filters["country"] or filters["country"] in row.countries,
        "topic": not topic_ids or bool(topic_ids & row.topics),
        "fee": not filters["fee"] or row.fee in filters["fee"],
        "language": not filters["language"] or bool(row.languages & set(filters["language"])),
        "accepting": not filters["accepting"] or row.accepting,
        "clinic": not filters["clinic"] or row.clinic,
    }


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
    rows = _rows(Listing.objects.for_searcher(user), now)

    passes = [(row, _matches(row, filters, selected_topics)) for row in rows]

    def others(group: str):
        # The type links drop the country (it belongs to country conditions), so the type
        # counts ignore it too: each count is what following that link gives.
        ignored = {group, "country"} if group == "type" else {group}
        return [row for row, ok in passes if all(v for g, v in ok.items() if g not in ignored)]

    def count_by(group: str, values, has) -> list[FacetValue]:
        pool = others(group)
        return [
            (value, label, sum(1 for row in pool if has(row, value))) for value, label in values
        ]

    facets: dict[str, list[FacetValue]] = {}
    facets["type"] = [
        FacetValue(v, str(label), n, v == filters["type"])
        for v, label, n in count_by("type", ExpertType.choices, lambda r, v: v in r.types)
    ]
    country_names = dict(countries)
    if filters["type"] == ExpertType.COUNTRY_CONDITIONS:
        pool = others("country")
        counts: dict[str, int] = {}
        for row in pool:
            for code in row.countries:
                counts[code] = counts.get(code, 0) + 1
        if filters["country"]:
            counts.setdefault(filters["country"], 0)
        facets["country"] = sorted(
            (
                FacetValue(code, str(country_names.get(code, code)), n, code == filters["country"])
                for code, n in counts.items()
            ),
            key=lambda f: f.label,
        )
    else:
        facets["country"] = []
    facets["topic"] = [
        FacetValue(term.slug, term.name, n, term.pk in selected_topics)
        for (term, _label, n) in count_by(
            "topic", [(t, t.name) for t in topic_terms], lambda r, t: t.pk in r.topics
        )
    ]
    facets["fee"] = [
        FacetValue(v, str(label), n, v in filters["fee"])
        for v, label, n in count_by("fee", FeeTerms.choices, lambda r, v: r.fee == v)
    ]
    facets["language"] = [
        FacetValue(v, str(label), n, v in filters["language"])
        for v, label, n in count_by("language", LANGUAGE_CHOICES, lambda r, v: v in r.languages)
        if n or v in filters["language"]
    ]
    facets["accepting"] = [
        FacetValue(
            "1", "", sum(1 for r in others("accepting") if r.accepting), filters["accepting"]
        )
    ]
    facets["clinic"] = [
        FacetValue("1", "", sum(1 for r in others("clinic") if r.clinic), filters["clinic"])
    ]

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
        (row for row, ok in passes if all(ok.values())),
        key=lambda r: (not r.accepting, r.name.lower(), r.pk),
    )
    result.total = len(matching)
    page = Paginator([row.pk for row in matching], RESULTS_PER_PAGE).get_page(page_number)
    ids = list(page.object_list)
    by_pk = {
        listing.pk: listing
        for listing in Listing.objects.filter(pk__in=ids).prefetch_related("topics")
    }
    result.page = page
    result.listings = [by_pk[pk] for pk in ids if pk in by_pk]
    return result


def fetch_profile(request, pk: int) -> Listing:
    """A listed profile for an attorney or staff member, else 404. Audits the read."""
    # SECURITY: only listed profiles, only for attorneys and staff (S3); the fetch decides.
    listing = (
        Listing.objects.for_searcher(request.user)
        .select_related("organization")
        .prefetch_related("topics")
        .filter(pk=pk)
        .first()
    )
    audit_record(
        actor=request.user,
        object_type="expert_listing",
        object_id=pk,
        action=AuditAction.READ,
        allowed=listing is not None,
    )
    if listing is None:
        raise Http404
    return listing


def listing_of(user) -> Listing | None:
    """The listing the signed-in expert or clinic representative keeps, if any."""
    # SECURITY: scoped to the keeper; nobody reaches another's listing through this.
    return Listing.objects.managed_by(user).prefetch_related("topics").first()


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
