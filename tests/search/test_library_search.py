"""Keyword search on the library page: results and facet counts restricted to the search,
exact (brute force), ranked, misspellings forgiven, hostile input harmless, constant queries."""

import random
from urllib.parse import unquote, urlencode

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
    is the brute-force order (tier, then newest first, then id)."""
    from search.selectors import matching as search
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
    draft = make_resource("Refoulement draft", "Unpublished.", published=False)
    index(*Resource.objects.all())
    catalogue_changed()

    def newest_first(resources):
        return [r.pk for r in sorted(resources, key=lambda r: (r.published_on, r.pk), reverse=True)]

    expected = newest_first(head) + newest_first(rest)
    match = search.keyword_match("refoulement")
    assert match.ranked is None and len(match) == len(expected) + 1  # the draft too
    assert set(match.tiers[0]) - {draft.pk} == {r.pk for r in head}
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
    from search.selectors import matching as search
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


# --- Nothing found: what was searched, "Did you mean", the count without the filters ---


@pytest.fixture
def women_library(make_resource, index):
    """Two resources about women (so "women" is common enough to offer), one other, and
    a persecution type that none of them carries (a filter that empties any search)."""
    from ta_library.services import catalogue_changed
    from tests.ta_library.factories import persecution

    found = [
        make_resource("Violence against women", "Country conditions for women."),
        make_resource("Indigenous women and land", "Women defending land."),
    ]
    index(*found, make_resource("Motion to reopen", "Deadlines."))
    persecution("religion", "Religion")
    catalogue_changed()
    return found


def _library_url(page: str, client_users) -> str:
    from tests.cases.factories import CaseFactory

    if page == "case":
        case = CaseFactory(attorney=client_users["attorney"])
        return reverse("ta_library:case_library", args=[case.number])
    return reverse("ta_library:browse")


def _empty_block(html: str) -> str:
    start = html.index('class="callout library-empty"')
    return html[start : html.index("</div>", start)]


@pytest.mark.parametrize("page", ["browse", "case"])
def test_a_short_misspelling_that_finds_nothing_offers_the_common_word_keeping_the_filters(
    attorney_client, users, women_library, page
):
    url = _library_url(page, users)
    params = {"q": "womn", "scope": "all"}
    response = attorney_client.get(url, params)
    library = response.context["library"]
    assert library.total == 0 and library.corrected == ""  # not corrected: offered
    block = _empty_block(response.content.decode())
    assert "No resources match “womn”." in block
    assert "these filters" not in block  # none are set
    offer = '<a href="?q=women&amp;scope=all" data-partial-link><em>women</em></a>'
    assert f"Did you mean {offer}?" in block
    # Taking it runs that search.
    taken = attorney_client.get(url, {"q": "women", "scope": "all"}).context["library"]
    assert taken.total == 2
    # With a filter set, the offer keeps it (and says how the search does without it).
    filtered = attorney_client.get(url, {**params, "persecution": "religion"})
    block = _empty_block(filtered.content.decode())
    assert "No resources match “womn” with these filters." in block
    assert 'href="?persecution=religion&amp;q=women&amp;scope=all"' in block
    # Without JavaScript the link is an ordinary link; with it, a partial update shows it,
    # and the script announces it (URL-encoded: it carries what was typed).
    partial = attorney_client.get(url, params, headers={"X-Partial": "results"})
    assert "<em>women</em>" in partial.content.decode()
    assert unquote(partial["X-Partial-Status"]) == "0 resources. Did you mean women?"


@pytest.mark.parametrize("page", ["browse", "case"])
def test_nothing_found_with_filters_says_what_the_search_finds_without_them(
    attorney_client, users, women_library, page
):
    url = _library_url(page, users)
    response = attorney_client.get(
        url, {"q": "women", "persecution": "religion", "scope": "all", "cgrs": "1"}
    )
    library = response.context["library"]
    assert library.total == 0 and library.unfiltered_total == 2
    block = _empty_block(response.content.decode())
    assert "No resources match “women” with these filters." in block
    assert "Without the filters, “women” finds 2 resources." in block
    # The link keeps the search and the library's scope, and drops every filter.
    assert '<a href="?q=women&amp;scope=all" data-partial-link>Remove the filters</a>' in block
    assert "Did you mean" not in block and "Check the spelling" not in block
    # No keyword: the filters alone emptied the page; say how many the library has.
    response = attorney_client.get(url, {"persecution": "religion", "scope": "all"})
    block = _empty_block(response.content.decode())
    assert "No resources match these filters." in block
    assert "Without the filters, there are 3 resources." in block
    assert '<a href="?scope=all" data-partial-link>Remove the filters</a>' in block
    # A search that finds nothing even without the filters says so, and offers no count.
    response = attorney_client.get(url, {"q": "refoulement", "persecution": "religion"})
    block = _empty_block(response.content.decode())
    assert "nothing matches without them either" in block
    assert "Remove the filters" not in block


def test_a_corrected_search_that_finds_nothing_names_what_was_searched(
    attorney_client, women_library
):
    response = attorney_client.get(
        reverse("ta_library:browse"), {"q": "Violense", "persecution": "religion"}
    )
    block = _empty_block(response.content.decode())
    assert "No resources match “violence” with these filters." in block
    assert "Without the filters, “violence” finds 1 resource." in block


@pytest.mark.parametrize("partial", [False, True])
@pytest.mark.parametrize("filters", [{}, {"persecution": "religion"}])
def test_the_query_is_escaped_wherever_the_no_results_block_shows_it(
    attorney_client, women_library, partial, filters
):
    hostile = 'womn <script>alert("q")</script> "<img src=x onerror=alert(1)>"'
    response = attorney_client.get(
        reverse("ta_library:browse"),
        {"q": hostile, **filters},
        headers={"X-Partial": "results"} if partial else {},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in _empty_block(html)
    # The offer carries the rest of the query: escaped in its text, encoded in its link.
    offer = html[html.index("Did you mean") :]
    offer = offer[: offer.index("</p>")]
    assert "<em>women " in offer
    text = offer[offer.index("<em>") + 4 : offer.index("</em>")]
    assert "<" not in text and '"' not in text
    href = offer[offer.index('href="') + 6 :]
    assert "<" not in href[: href.index('"')]


# The whole request of a page that finds nothing: the session, the user, the catalogue
# version, the keyword query's lexicon (the match is cached after the first request; no
# rows to read). The count without the filters is free (bitmaps), so filters add nothing.
NO_RESULTS_QUERIES = 4


def test_a_page_with_no_results_and_filters_costs_no_more_than_without_filters(
    attorney_client, make_resource, index
):
    from ta_library.services import catalogue_changed
    from tests.ta_library.factories import persecution

    persecution("religion", "Religion")
    url = reverse("ta_library:browse")
    filtered = f"{url}?q=asylum&persecution=religion&cgrs=1"
    index(*[make_resource(f"Asylum claims {n}", "Asylum claims.") for n in range(2)])
    catalogue_changed()
    assert attorney_client.get(filtered).context["library"].unfiltered_total == 2
    at_two = _page_queries(attorney_client, filtered)
    index(*[make_resource(f"Asylum claims {n}", "Asylum claims.") for n in range(38)])
    catalogue_changed()
    assert attorney_client.get(filtered).context["library"].unfiltered_total == 40
    assert _page_queries(attorney_client, filtered) == at_two == NO_RESULTS_QUERIES
    assert _page_queries(attorney_client, f"{url}?q=womn") == NO_RESULTS_QUERIES
