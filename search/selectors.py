"""Keyword search over TA Library resources (see search/README in the module docstrings)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class KeywordMatch:
    """What a keyword search found, for the library to intersect with its filters.

    `ranked_ids`: every matching resource id, best first. `corrected`: the query as it was
    searched after spelling correction, or "" when nothing was corrected.
    """

    query: str
    ranked_ids: list[int] = field(default_factory=list)
    corrected: str = ""


def keyword_match(query: str) -> KeywordMatch | None:
    """Resources matching `query`, or None when the query has nothing searchable."""
    return None


@dataclass
class Snippet:
    """The best passage of one resource for a query: `html` is escaped text with <mark>
    around the matched words (safe to render); `page` is its page number, when known."""

    html: str
    page: int | None = None


def snippets_for(match: KeywordMatch, resource_ids: list[int]) -> dict[int, Snippet]:
    """The best passage of each of `resource_ids` (the page of results being shown), in a
    constant number of queries."""
    return {}
