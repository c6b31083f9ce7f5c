"""Keyword search on the library page: results and facet counts restricted to the search,
exact (brute force), ranked, misspellings forgiven, hostile input harmless, constant queries."""

import random
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.services import resource_index, vocabulary_refresh
from ta_library.models import Resource
from tests.search.test_selectors import HOSTILE
from tests.ta_library.test_facets import (
    _brute_force,
    _catalogue,
    _page_counts,
    _prefetched,
    _query,
    _random_selection,
)

pytestmark = pytest.mark.django_db


def _searchable_catalogue(rng: random.Random) -> set[int]:
    """The facet tests' random catalogue; about half of it mentions credibility. Returns
    the ids of those."""
    _catalogue(rng, 90)
    mentioning = set()
    for resource in Resource.objects.all():
        if rng.random() < 0.5:
            resource.summary = f"Credibility findings and corroboration. {resource.summary}"
            resource.save(update_fields=["summary"])
            mentioning.add(resource.pk)
        resource_index(resource_id=resource.pk)
    vocabulary_refresh()
    return mentioning


@pytest.mark.parametrize("typed", ["credibility", "Credibilty", "CREDIBILITY findin"])
def test_search_with_filters_counts_exactly_what_it_finds(attorney_client, typed):
    rng = random.Random(17)
    mentioning = _searchable_catalogue(rng)
    visible = _prefetched(Resource.objects.published().filter(audience__in=["attorneys", "both"]))
    found = [r for r in visible if r.pk in mentioning]
    assert 0 < len(found) < len(visible)
    url = reverse("ta_library:browse")
    first = attorney_client.get(url, {"q": typed}).context["library"]
    assert first.total == len(found)
    for _ in range(12):
        selection = _random_selection(rng, first)
        cgrs_only = rng.random() < 0.3
        query = _query(selection, cgrs_only)
        q = urlencode({"q": typed})
        library = attorney_client.get(f"{url}?{query}&{q}").context["library"]
        total, counts, cgrs = _brute_force(found, selection, cgrs_only)
        got_total, got_counts, got_cgrs = _page_counts(library)
        assert got_total == total, selection
        assert got_cgrs == cgrs, selection
        for key, count in got_counts.items():
            assert count == counts.get(key, 0), (key, selection, cgrs_only)
        assert {card.resource.pk for card in library.cards} <= mentioning
    if typed == "Credibilty":
        assert first.corrected == "credibility"
        exact = attorney_client.get(url, {"q": typed, "exact": "1"}).context["library"]
        assert exact.total == 0 and exact.corrected == ""


@pytest.mark.parametrize("exact", ["", "1"])
@pytest.mark.parametrize("typed", ["Credibilty", "CREDIBILITY findin", "credibility"])
def test_a_case_library_search_reads_its_lexicon_with_the_case_to_the_same_result(
    attorney_client, users, typed, exact
):
    """The case page reads the keyword query's lexicon in the case query; what it finds,
    corrects and shows must be what the whole library's own lexicon query gives."""
    from tests.cases.factories import CaseFactory

    _searchable_catalogue(random.Random(5))
    case = CaseFactory(attorney=users["attorney"])
    params = {"q": typed, "exact": exact, "scope": "all"}
    whole = attorney_client.get(reverse("ta_library:browse"), params).context["library"]
    in_case = attorney_client.get(
        reverse("ta_library:case_library", args=[case.number]), params
    ).context["library"]
    assert in_case.total == whole.total
    assert in_case.corrected == whole.corrected
    assert [c.resource.pk for c in in_case.cards] == [c.resource.pk for c in whole.cards]
    assert [c.snippet_html for c in in_case.cards] == [c.snippet_html for c in whole.cards]
    if typed == "Credibilty":
        assert (in_case.corrected, bool(in_case.total)) == (
            ("", False) if exact else ("credibility", True)
        )


def test_results_are_in_rank_order_with_snippets(attorney_client, make_resource, index):
    weak = make_resource("Detention bond guide", "Bond hearings.", days=300)
    strong = make_resource("Nexus nexus: a guide to nexus", "Nexus explained.", days=1)
    middle = make_resource("Nexus in gang cases", "Gang recruitment.", days=200)
    weak.summary = "Bond hearings; nexus is mentioned once."
    weak.save()
    index(weak, strong, middle)
    library = attorney_client.get(reverse("ta_library:browse"), {"q": "nexus"}).context["library"]
    order = [card.resource.pk for card in library.cards]
    assert order.index(strong.pk) < order.index(weak.pk)
    assert order.index(middle.pk) < order.index(weak.pk)
    html = attorney_client.get(reverse("ta_library:browse"), {"q": "nexus"}).content.decode()
    assert "<mark>" in html


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_search_text_gives_a_normal_page(attorney_client, make_resource, index, query):
    index(make_resource("Asylum basics", "Asylum."))
    response = attorney_client.get(reverse("ta_library:browse"), {"q": query})
    assert response.status_code in (200, 400)
    partial = attorney_client.get(
        reverse("ta_library:browse"), {"q": query}, headers={"X-Partial": "results"}
    )
    assert partial.status_code in (200, 400)


def _page_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("q", ["asylum", "asylm", '"asylum claims"', "PSG asylum"])
def test_a_search_page_costs_the_same_at_2_and_40_results(attorney_client, make_resource, index, q):
    index(*[make_resource(f"Asylum claims {n}", "Asylum claims and PSG.") for n in range(2)])
    url = reverse("ta_library:browse") + f"?q={q}"
    at_two = _page_queries(attorney_client, url)
    index(*[make_resource(f"Asylum claims {n}", "Asylum claims and PSG.") for n in range(38)])
    assert _page_queries(attorney_client, url) == at_two


def test_a_large_result_is_paged_in_tier_then_date_order(
    attorney_client, make_resource, index, monkeypatch
):
    """Above FULL_RANK_LIMIT matches, search hands over tiers (title/summary matches, then
    the rest) and the library orders only the page it shows: every page, filtered or not,
    is the brute-force order (tier, then newest first, then id), and the same as
    `ranked_ids` and `first`."""
    from search import selectors as search
    from ta_library.services import catalogue_changed
    from tests.search.documents import pdf_with_pages
    from tests.ta_library.factories import ResourceTypeFactory

    monkeypatch.setattr(search, "FULL_RANK_LIMIT", 5)
    rng = random.Random(5)
    body = pdf_with_pages(["Withholding of removal and the refoulement bar."])
    other_type = ResourceTypeFactory(slug="sample-brief")
    head, rest = [], []
    for n in range(34):
        days = rng.randrange(40)  # shared dates: the id breaks the tie
        if n % 3 == 0:
            resource = make_resource(f"Refoulement guide {n}", "Summary.", days=days)
            head.append(resource)
        else:
            resource = make_resource(f"Guide {n}", "Summary.", file=body, days=days)
            rest.append(resource)
        if n % 4 == 0:
            resource.resource_type = other_type
            resource.save(update_fields=["resource_type"])
    make_resource("Unrelated", "Nothing here.", days=3)
    make_resource("Refoulement draft", "Unpublished.", published=False)
    index(*Resource.objects.all())
    catalogue_changed()

    def newest_first(resources):
        return [r.pk for r in sorted(resources, key=lambda r: (r.published_on, r.pk), reverse=True)]

    expected = newest_first(head) + newest_first(rest)
    match = search.keyword_match("refoulement")
    assert match.ranked is None and len(match) == len(expected) + 1  # the draft too
    assert [i for i in match.ranked_ids if i in set(expected)] == expected
    assert [i for i in match.first(12) if i in set(expected)] == expected[:11]
    typed = {r.pk for r in Resource.objects.filter(resource_type=other_type)}
    url = reverse("ta_library:browse")
    for query, wanted in (
        ({}, expected),
        ({"type": "sample-brief"}, [i for i in expected if i in typed]),
    ):
        assert 0 < len(wanted) < 40
        shown = []
        for page in (1, 2):
            params = {"q": "refoulement", "page": page, **query}
            library = attorney_client.get(url, params).context["library"]
            assert library.total == len(wanted)
            shown += [card.resource.pk for card in library.cards]
            if library.page.number == library.page.paginator.num_pages:
                break
        assert shown == wanted, query


# A case library search page, the whole request: the session, the user (with its access
# facts), the case (with the catalogue version, the last visit and the keyword query's
# lexicon), its audit row, the match (only when not cached), the page's rows with their
# snippets. docs/performance.md: at most 6 ("constant, ≤ 6").
CASE_SEARCH_QUERIES = {"cold": 6, "warm": 5}


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_a_case_library_search_costs_at_most_6_queries_at_2_and_40_results(
    client_for, users, make_resource, index, monkeypatch, cache
):
    from search import selectors as search
    from ta_library.services import catalogue_changed
    from tests.cases.factories import CaseFactory

    monkeypatch.setattr(search._RESULTS, "size", 0 if cache == "cold" else 32)
    search._RESULTS.clear()
    client = client_for("attorney")
    case = CaseFactory(attorney=users["attorney"])
    url = reverse("ta_library:case_library", args=[case.number]) + "?scope=all&q=asylum"

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.context["library"].cards[0].snippet_html
        return len(queries)

    index(*[make_resource(f"Asylum claims {n}", "Asylum claims and PSG.") for n in range(2)])
    catalogue_changed()
    at_two = count()
    index(*[make_resource(f"Asylum claims {n}", "Asylum claims and PSG.") for n in range(38)])
    catalogue_changed()
    assert count() == at_two == CASE_SEARCH_QUERIES[cache]
