"""Facet counts are exact: compared with brute-force counts over random selections."""

import datetime
import random

import pytest
from django.urls import reverse

from ta_library.models import Audience, Resource
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import (
    ResourceFactory,
    ResourceTypeFactory,
    country_conditions_type,
    persecution,
    protection,
    stage,
    topic,
)

pytestmark = pytest.mark.django_db

GROUP_FIELDS = {
    "persecution": "persecution_types",
    "protection": "protection_types",
    "stage": "procedural_stages",
    "topic": "topics",
}


def _catalogue(rng: random.Random, size: int = 120):
    terms = {
        "persecution_types": [
            persecution(s) for s in ("domestic-violence", "gang-violence", "religion", "lgbtq")
        ],
        "protection_types": [protection(s) for s in ("asylum", "withholding", "cat")],
        "procedural_stages": [stage(s) for s in ("immigration-court", "bia", "affirmative")],
        "topics": [topic(s) for s in ("detention", "children", "credibility", "nexus")],
    }
    types = [
        ResourceTypeFactory(slug="sample-brief"),
        ResourceTypeFactory(slug="practice-advisory"),
        country_conditions_type(),
    ]
    for _ in range(size):
        ResourceFactory(
            resource_type=rng.choice(types),
            relevant_to_every_case=rng.random() < 0.15,
            authored_by_cgrs=rng.random() < 0.6,
            author_name="Another org",
            countries=rng.sample(["GT", "HN", "SV", "MX"], rng.choice([0, 1, 1, 2])),
            audience=rng.choice(
                [Audience.ATTORNEYS, Audience.ATTORNEYS, Audience.BOTH, Audience.EXPERTS]
            ),
            is_published=rng.random() < 0.9,
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000)),
            **{f: rng.sample(v, rng.choice([0, 1, 1, 2])) for f, v in terms.items()},
        )


def _facts(resource):
    """group -> set of slugs a resource carries, as the filters define them."""
    facts = {
        group: {t.slug for t in getattr(resource, field).all()}
        for group, field in GROUP_FIELDS.items()
    }
    facts["type"] = {resource.resource_type.slug}
    # The country filter reaches country-specific material only.
    facts["country"] = (
        {c.lower() for c in resource.countries}
        if resource.resource_type.country_specific
        else set()
    )
    return facts


def _brute_force(resources, selection: dict, cgrs_only: bool):
    def passes(facts, resource, skip=None):
        if cgrs_only and not resource.authored_by_cgrs:
            return False
        return all(facts[g] & chosen for g, chosen in selection.items() if chosen and g != skip)

    rows = [(r, _facts(r)) for r in resources]
    total = sum(1 for r, f in rows if passes(f, r))
    counts = {}
    for group in ("type", "country", *GROUP_FIELDS):
        for r, f in rows:
            if passes(f, r, skip=group):
                for slug in f[group]:
                    counts[(group, slug)] = counts.get((group, slug), 0) + 1
    cgrs = sum(
        1
        for r, f in rows
        if r.authored_by_cgrs and all(f[g] & c for g, c in selection.items() if c)
    )
    return total, counts, cgrs


def _page_counts(library):
    counts = {(g.name, o.slug): o.count for g in library.facets.groups for o in g.options}
    return library.total, counts, library.facets.cgrs_count


def _random_selection(rng, library):
    selection = {}
    for group in library.facets.groups:
        slugs = [o.slug for o in group.options]
        if slugs and rng.random() < 0.5:
            selection[group.name] = set(rng.sample(slugs, rng.randint(1, min(3, len(slugs)))))
    return selection


def _query(selection, cgrs_only):
    parts = [f"{group}={slug}" for group, slugs in selection.items() for slug in sorted(slugs)]
    if cgrs_only:
        parts.append("cgrs=1")
    return "&".join(parts)


def _check(client, url, resources, rng, rounds):
    first = client.get(url).context["library"]
    for _ in range(rounds):
        selection = _random_selection(rng, first)
        cgrs_only = rng.random() < 0.3
        library = client.get(f"{url}?{_query(selection, cgrs_only)}").context["library"]
        total, counts, cgrs = _brute_force(resources, selection, cgrs_only)
        got_total, got_counts, got_cgrs = _page_counts(library)
        assert got_total == total, selection
        assert got_cgrs == cgrs, selection
        for key, count in got_counts.items():
            assert count == counts.get(key, 0), (key, selection, cgrs_only)
        # The page shows the newest first, and exactly the matching resources.
        dates = [c.resource.published_on for c in library.cards]
        assert dates == sorted(dates, reverse=True)


def _prefetched(queryset):
    return list(queryset.select_related("resource_type").prefetch_related(*GROUP_FIELDS.values()))


def test_counts_in_the_whole_library_match_brute_force(attorney_client):
    rng = random.Random(5)
    _catalogue(rng)
    resources = _prefetched(Resource.objects.published().filter(audience__in=["attorneys", "both"]))
    _check(attorney_client, reverse("ta_library:browse"), resources, rng, rounds=40)


def test_counts_in_a_case_library_match_brute_force(attorney_client, users):
    from ta_library.index import catalogue_index
    from ta_library.selectors.case_profile import case_profile, case_profile_queryset

    rng = random.Random(11)
    _catalogue(rng)
    case = CaseFactory(
        attorney=users["attorney"],
        country_of_origin="HN",
        persecution_types=[persecution("gang-violence")],
        protection_types=[protection("asylum"), protection("cat")],
    )
    index = catalogue_index()
    profile = case_profile(case_profile_queryset().get(pk=case.pk), index)
    curated_ids = set(index.curated(profile))
    resources = _prefetched(
        Resource.objects.published().filter(audience__in=["attorneys", "both"], pk__in=curated_ids)
    )
    assert 0 < len(resources) < Resource.objects.count()
    url = reverse("ta_library:case_library", args=[case.number])
    _check(attorney_client, url, resources, rng, rounds=25)


def test_expert_library_counts_only_expert_material(client_for):
    rng = random.Random(3)
    _catalogue(rng, 60)
    resources = _prefetched(Resource.objects.published().filter(audience__in=["experts", "both"]))
    _check(client_for("expert"), reverse("ta_library:expert_library"), resources, rng, rounds=10)


@pytest.mark.parametrize("block", [1, 3, 7])
def test_any_slice_of_any_result_is_in_newest_first_order(attorney_client, monkeypatch, block):
    """CatalogueIndex.in_order walks blocks of the newest-first order (here tiny blocks,
    and never the small-result shortcut): every slice, and every page of the library, is
    the brute-force order (published_on descending, then id descending)."""
    from pyroaring import FrozenBitMap

    from ta_library import index as catalogue
    from ta_library.services import catalogue_changed

    monkeypatch.setattr(catalogue, "BLOCK", block)
    monkeypatch.setattr(catalogue, "SMALL_RESULT", 0)
    rng = random.Random(block)
    _catalogue(rng, 60)
    catalogue_changed()
    index = catalogue.catalogue_index()

    def newest_first(resources):
        return [r.pk for r in sorted(resources, key=lambda r: (r.published_on, r.pk), reverse=True)]

    order = newest_first(Resource.objects.published())
    assert list(index.ids) == order
    for _ in range(40):
        density = rng.choice([0.05, 0.5, 0.95])
        chosen = [i for i in order if rng.random() < density]
        start = rng.randrange(0, len(chosen) + 2)
        stop = start + rng.randrange(0, 25)
        assert index.in_order(FrozenBitMap(chosen), start, stop) == chosen[start:stop]
    visible = newest_first(Resource.objects.published().filter(audience__in=["attorneys", "both"]))
    shown = []
    for page in range(1, 10):
        library = attorney_client.get(reverse("ta_library:browse"), {"page": page}).context[
            "library"
        ]
        shown += [card.resource.pk for card in library.cards]
        if page == library.page.paginator.num_pages:
            break
    assert shown == visible
