"""The expert search's results and facet counts against a brute-force reading of the same
listings: every group's counts apply every other group's selection but not its own (the
type counts drop the country too: that is what the type links give), values OR-ed within
a group, groups AND-ed; results accepting first, then by name."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from experts.models import (
    AVAILABILITY_LAPSES_AFTER,
    LANGUAGE_CHOICES,
    Availability,
    ExpertType,
    FeeTerms,
    Listing,
    ListingStatus,
)
from experts.selectors import RESULTS_PER_PAGE, search_listings, topic_vocabulary
from tests.experts.factories import ListingFactory

pytestmark = pytest.mark.django_db

COUNTRIES = ["GT", "HN", "SV", "MX"]
LANGUAGES = [code for code, _label in LANGUAGE_CHOICES][:4]
GROUPS = ("type", "country", "topic", "fee", "language", "accepting", "clinic")


def _catalogue(rng: random.Random, terms, now, count: int = 45) -> None:
    for i in range(count):
        ListingFactory(
            display_name=rng.choice(["ana", "Ana", "bea", "Cam", "dee"]) + f" {i % 7}",
            status=rng.choice([ListingStatus.LISTED] * 4 + [ListingStatus.SUBMITTED]),
            clinic=rng.random() < 0.2,
            expert_types=rng.sample(list(ExpertType.values), rng.randint(1, 2)),
            countries=rng.sample(COUNTRIES, rng.randint(0, 2)),
            topics=rng.sample(terms, rng.randint(0, 2)),
            languages=rng.sample(LANGUAGES, rng.randint(1, 2)),
            fee_terms=rng.choice(list(FeeTerms.values)),
            availability=rng.choice(list(Availability.values)),
            availability_confirmed_at=now - timedelta(days=rng.choice([1, 30, 89, 91, 200])),
        )


def _passes(listing, group: str, filters: dict, accepting: bool) -> bool:
    if group == "type":
        return not filters["type"] or filters["type"] in listing.expert_types
    if group == "country":
        return not filters["country"] or filters["country"] in listing.countries
    if group == "topic":
        chosen = set(filters["topic"])
        return not chosen or bool(chosen & {t.slug for t in listing.topics.all()})
    if group == "fee":
        return not filters["fee"] or listing.fee_terms in filters["fee"]
    if group == "language":
        return not filters["language"] or bool(set(filters["language"]) & set(listing.languages))
    if group == "accepting":
        return not filters["accepting"] or accepting
    return not filters["clinic"] or listing.is_clinic


def _values(listing, group: str, accepting: bool):
    return {
        "type": lambda: listing.expert_types,
        "country": lambda: listing.countries,
        "topic": lambda: [t.slug for t in listing.topics.all()],
        "fee": lambda: [listing.fee_terms],
        "language": lambda: listing.languages,
        "accepting": lambda: ["1"] if accepting else [],
        "clinic": lambda: ["1"] if listing.is_clinic else [],
    }[group]()


def _expected(filters: dict, now) -> tuple[dict, list[int]]:
    """Counts per group and value, and the ordered result, read listing by listing."""
    cutoff = now - AVAILABILITY_LAPSES_AFTER
    listed = []
    for listing in Listing.objects.filter(status=ListingStatus.LISTED).prefetch_related("topics"):
        accepting = (
            listing.availability == Availability.ACCEPTING
            and listing.availability_confirmed_at is not None
            and listing.availability_confirmed_at >= cutoff
        )
        listed.append((listing, accepting))
    counts: dict = {group: {} for group in GROUPS}
    for group in GROUPS:
        ignored = {group, "country"} if group == "type" else {group}
        for listing, accepting in listed:
            if all(_passes(listing, g, filters, accepting) for g in GROUPS if g not in ignored):
                for value in _values(listing, group, accepting):
                    counts[group][value] = counts[group].get(value, 0) + 1
    matching = [
        (listing, accepting)
        for listing, accepting in listed
        if all(_passes(listing, g, filters, accepting) for g in GROUPS)
    ]
    matching.sort(key=lambda e: (not e[1], e[0].display_name.lower(), e[0].pk))
    return counts, [listing.pk for listing, _accepting in matching]


def _random_filters(rng: random.Random, slugs: list[str]) -> dict:
    kind = rng.choice(["", *ExpertType.values])
    return {
        "type": kind,
        "country": rng.choice(["", *COUNTRIES, "FR"])
        if kind == ExpertType.COUNTRY_CONDITIONS
        else "",
        "topic": rng.sample(slugs, rng.choice([0, 0, 1, 2])),
        "fee": rng.sample(list(FeeTerms.values), rng.choice([0, 0, 1, 2])),
        "language": rng.sample(LANGUAGES, rng.choice([0, 0, 1, 2])),
        "accepting": rng.random() < 0.3,
        "clinic": rng.random() < 0.2,
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_counts_and_results_match_brute_force(users, taxonomy_terms, seed):
    rng = random.Random(seed)
    now = timezone.now()
    terms = list(taxonomy_terms.values())[:6]
    _catalogue(rng, terms, now)
    topic_terms = topic_vocabulary()
    slugs = [t.slug for t in terms]
    for _ in range(60):
        filters = _random_filters(rng, slugs)
        counts, ordered = _expected(filters, now)
        pages = []
        for page_number in (1, 2, 3):
            result = search_listings(
                user=users["attorney"],
                filters=filters,
                page_number=page_number,
                topic_terms=topic_terms,
                now=now,
            )
            pages += [listing.pk for listing in result.listings]
            if result.page is None or page_number >= result.page.paginator.num_pages:
                break
        got = {
            group: {f.value: f.count for f in facets if f.count}
            for group, facets in result.facets.items()
        }
        want = {group: {v: n for v, n in c.items() if n} for group, c in counts.items()}
        if filters["type"] != ExpertType.COUNTRY_CONDITIONS:
            want["country"] = {}  # the country facet is shown for country conditions only
        assert got == want, filters
        for group, facets in result.facets.items():
            chosen = filters[group]
            for facet in facets:
                selected = (
                    facet.value in chosen
                    if isinstance(chosen, list)
                    else (bool(chosen) and (facet.value == chosen or chosen is True))
                )
                assert facet.selected == selected, (group, facet, filters)
        if filters["country"]:
            assert filters["country"] in {f.value for f in result.facets["country"]}
        assert [f.value for f in result.facets["type"]] == list(ExpertType.values)
        assert [f.value for f in result.facets["topic"]] == [t.slug for t in topic_terms]
        if filters["type"]:
            assert result.total == len(ordered), filters
            assert pages == ordered[: 3 * RESULTS_PER_PAGE], filters
        else:
            assert result.total == 0 and pages == []


def test_only_attorneys_and_staff_get_rows(users, taxonomy_terms):
    ListingFactory()
    filters = {
        "type": ExpertType.COUNTRY_CONDITIONS,
        "country": "",
        "topic": [],
        "fee": [],
        "language": [],
        "accepting": False,
        "clinic": False,
    }
    for role, total in (("attorney", 1), ("staff", 1), ("expert", 0), ("pro_se", 0)):
        result = search_listings(
            user=users[role], filters=filters, page_number=1, topic_terms=topic_vocabulary()
        )
        assert result.total == total, role
