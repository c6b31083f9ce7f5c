"""The library's keyword search: the cleaned query text and the calls into the search app
(its contract: lexicon_expression, keyword_match, with_snippets, snippet_of).
"""

from __future__ import annotations

from django.db.models import QuerySet

from search import selectors as search
from ta_library.models import Resource

MAX_QUERY_LENGTH = 200  # characters of keyword search text kept


def clean_query(params) -> str:
    """The keyword text: control characters (NUL included) dropped, spaces collapsed, cut."""
    text = "".join(ch if ch.isprintable() else " " for ch in params.get("q", "")[:2000])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


# -- The search contract (search app): keyword_match, with_snippets. Only called here. --


def exact_requested(params) -> bool:
    # "Search instead for" what was typed, without spelling correction.
    return params is not None and params.get("exact") == "1"


def lexicon_expression(params):
    # The keyword query's lexicon as a column of the page's first query (None without q:
    # see _case_library_queryset).
    query = clean_query(params)
    return search.lexicon_expression(query, correct=not exact_requested(params)) if query else None


def keyword_match(query: str, *, exact: bool = False, lexicon: str | None = None):
    return search.keyword_match(query, correct=not exact, lexicon=lexicon) if query else None


def with_snippets(rows: QuerySet[Resource], match) -> QuerySet[Resource]:
    # The page's rows and their snippets in one query; `search.snippet_of` reads them.
    return search.with_snippets(rows, match) if match is not None else rows
