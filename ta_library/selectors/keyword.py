"""The library's keyword search: the cleaned query text and the calls into the search app
(its contract, registered in ta_library.extensions: lexicon_expression, keyword_match,
with_snippets, snippet_of).
"""

from __future__ import annotations

from django.db.models import QuerySet

from ta_library.extensions import keyword_search
from ta_library.models import Resource

MAX_QUERY_LENGTH = 200  # characters of keyword search text kept


# How much of a pasted text is read at all: enough to know it is too long.
_READ_AT_MOST = 2000


def _collapsed_query(params) -> str:
    # Control characters (NUL included) dropped, spaces collapsed.
    text = "".join(ch if ch.isprintable() else " " for ch in params.get("q", "")[:_READ_AT_MOST])
    return " ".join(text.split())


def clean_query(params) -> str:
    """The keyword text: control characters (NUL included) dropped, spaces collapsed, cut."""
    return _collapsed_query(params)[:MAX_QUERY_LENGTH]


def query_too_long(params) -> bool:
    """Whether the keyword text was cut by `clean_query` (the page tells the person)."""
    return len(_collapsed_query(params)) > MAX_QUERY_LENGTH


# -- The search contract (ta_library.extensions.KeywordSearch). Only called here. --


def exact_requested(params) -> bool:
    # "Search instead for" what was typed, without spelling correction.
    return params is not None and params.get("exact") == "1"


def lexicon_expression(params):
    # The keyword query's lexicon as a column of the page's first query (None without q:
    # see _case_library_queryset).
    query = clean_query(params)
    if not query:
        return None
    return keyword_search().lexicon_expression(query, correct=not exact_requested(params))


def keyword_match(query: str, *, exact: bool = False, lexicon: str | None = None):
    if not query:
        return None
    return keyword_search().keyword_match(query, correct=not exact, lexicon=lexicon)


def with_snippets(rows: QuerySet[Resource], match) -> QuerySet[Resource]:
    # The page's rows and their snippets in one query; `snippet_of` reads them.
    return keyword_search().with_snippets(rows, match) if match is not None else rows


def snippet_of(resource: Resource):
    # The snippet `with_snippets` read with this row (None without a keyword match).
    return keyword_search().snippet_of(resource)
