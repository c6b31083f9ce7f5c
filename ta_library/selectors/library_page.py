"""One page of a library (a case's, the whole TA Library, the experts'), and TA Program
News.

A library page costs, whatever the catalogue size: one query for the catalogue version
(ta_library.index; the case library reads it with the case), one for the page's rows (with
their search snippets), plus keyword search's match. Facets, totals, ordering and "why this
matched" come from the bitmaps.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.safestring import mark_safe

from ta_library.facets import (
    FacetResult,
    Selection,
    facet_counts,
    parse_selection,
    selection_count,
)
from ta_library.index import CatalogueIndex
from ta_library.models import Resource
from ta_library.rules import CaseProfile, match_reasons
from ta_library.selectors.cards import CARD_FIELDS, Card
from ta_library.selectors.case_profile import match_labels, match_tags
from ta_library.selectors.keyword import (
    MAX_QUERY_LENGTH,
    clean_query,
    exact_requested,
    keyword_match,
    query_too_long,
    snippet_of,
    with_snippets,
)
from ta_library.selectors.paging import RESOURCES_PER_PAGE, OrderedIds, PageWindow, page_window

# Parameters the page keeps in its links besides the facets (search's `exact` included).
KEPT_PARAMS = ("q", "exact", "cgrs", "scope")


@dataclass
class LibraryPage:
    facets: FacetResult
    selection: Selection
    page: Page
    cards: list[Card]
    query: str
    corrected: str
    exact: bool
    querystring: str  # the current filters, without `page`
    # "Did you mean": the query with its short words that find nothing replaced by close,
    # common words (search.keyword_match), and the page's query string with it searched.
    suggestion: str = ""
    suggestion_querystring: str = ""
    # Nothing found with filters set: how many the same search finds without them (the
    # keyword and the library's scope kept), and the query string of that search.
    unfiltered_total: int | None = None
    unfiltered_querystring: str = ""
    # The keyword text was longer than a search may be: only its start was searched.
    query_too_long: bool = False
    # How long a search may be (the input's maxlength and the notice say the same number).
    query_max_length: int = MAX_QUERY_LENGTH
    # Nothing found in a case's curated library: how many the same search and filters find
    # in the whole library, and the query string that opens it there.
    whole_library_total: int | None = None
    whole_library_querystring: str = ""

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def window(self) -> PageWindow:
        return page_window(self.page)


def kept_querystring(
    params,
    selection: Selection,
    index: CatalogueIndex,
    *,
    query: str | None = None,
    filters: bool = True,
    scope: str | None = None,
) -> str:
    """The state of the form as a query string (known facet values only), without `page`;
    with `query` in place of the keyword text, `scope` in place of the case library's scope,
    or (`filters=False`) without the filters."""
    out = QueryDict(mutable=True)
    for group, keys in selection.chosen.items() if filters else ():
        param = group
        for value in index.values[group]:
            if value.key in keys:
                out.appendlist(param, value.slug)
    for name in KEPT_PARAMS:
        if name == "cgrs" and not filters:
            continue  # "authored by CGRS" is one of the filters
        if name == "q":
            value = clean_query(params) if query is None else query
        elif name == "scope" and scope is not None:
            value = scope
        else:
            value = params.get(name, "")[:10]
        if value:
            out[name] = value
    return out.urlencode()


def library_page(
    *,
    index: CatalogueIndex,
    base,
    params,
    profile: CaseProfile | None = None,
    new_since: datetime.datetime | None = None,
    new_ids: frozenset[int] = frozenset(),
    lexicon: str | None = None,
    whole_library=None,
) -> LibraryPage:
    """One page of a library: `base` (bitmap of the resources this library may show)
    filtered by the form in `params`, with facet counts, newest first (or by keyword rank).

    Queries: the page's rows (with their snippets), plus keyword search's own when `q` is
    given (one fewer with `lexicon`, read with the case: case_library_fetch). With
    `whole_library` (the bitmap of the library `base` was narrowed from), an empty page also
    counts the same search there (bitmap work, no query).
    """
    selection = parse_selection(params, index)
    query = clean_query(params)
    match = keyword_match(query, exact=exact_requested(params), lexicon=lexicon)
    if match is not None:
        base = base & match.ids  # both are bitmaps of resource ids
    facets = facet_counts(index, base, selection)
    unfiltered_total = None
    if not facets.result and not selection.is_empty:
        # What the search finds without the filters: `base` is exactly that (the library's
        # scope and the keyword match), so counting it costs no query.
        unfiltered_total = len(base)
    whole_library_total = None
    if not facets.result and whole_library is not None:
        wider = whole_library & match.ids if match is not None else whole_library
        whole_library_total = selection_count(index, wider, selection)
    paginator = Paginator(OrderedIds(index, facets.result, match), RESOURCES_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    ids = list(page.object_list)
    rows = Resource.objects.filter(pk__in=ids).only(*CARD_FIELDS)
    rows = {r.pk: r for r in with_snippets(rows, match)}
    cards = []
    for rid in ids:
        resource = rows.get(rid)
        if resource is None:  # deleted since the index was built
            continue
        card = Card(resource, index.type_names.get(resource.resource_type_id, ""))
        if profile is not None:
            card.reasons = match_labels(
                index, match_reasons(match_tags(index, rid, profile), profile)
            )
        if new_since is not None and resource.first_published_at:
            card.is_new = resource.first_published_at > new_since
        # Or it came into this case's library since (alerts report these: same rule).
        card.is_new = card.is_new or rid in new_ids
        snippet = snippet_of(resource) if match is not None else None
        if snippet is not None:
            # The search app escapes the text and adds only <mark> (see search.selectors.Snippet).
            card.snippet_html = mark_safe(snippet.html)
            card.snippet_page = snippet.page
        cards.append(card)
    suggestion = match.suggestion if match is not None and not facets.result else ""
    return LibraryPage(
        facets=facets,
        selection=selection,
        page=page,
        cards=cards,
        query=query,
        corrected=match.corrected if match is not None else "",
        exact=exact_requested(params),
        querystring=kept_querystring(params, selection, index),
        suggestion=suggestion,
        suggestion_querystring=(
            kept_querystring(params, selection, index, query=suggestion) if suggestion else ""
        ),
        unfiltered_total=unfiltered_total,
        unfiltered_querystring=(
            kept_querystring(params, selection, index, filters=False)
            if unfiltered_total is not None
            else ""
        ),
        query_too_long=query_too_long(params),
        whole_library_total=whole_library_total,
        whole_library_querystring=(
            kept_querystring(params, selection, index, scope="all") if whole_library_total else ""
        ),
    )


def news_page(*, index: CatalogueIndex, params) -> Page:
    """TA Program News: CGRS-authored attorney material, newest first, 20 a page."""
    base = index.cgrs & index.attorney_audience
    page = Paginator(OrderedIds(index, base), RESOURCES_PER_PAGE).get_page(params.get("page"))
    ids = list(page.object_list)
    rows = {r.pk: r for r in Resource.objects.filter(pk__in=ids).only(*CARD_FIELDS)}
    page.cards = [
        Card(rows[rid], index.type_names.get(rows[rid].resource_type_id, ""))
        for rid in ids
        if rid in rows
    ]
    return page
