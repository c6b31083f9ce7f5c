"""Snippets: the best passage of each shown resource for a keyword match, highlighted,
read in the query that reads the shown rows (`with_snippets`, then `snippet_of`).
See docs/performance.md for why highlighting is done the way it is.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL

from search.selectors.matching import KeywordMatch
from search.text import MARK_END, MARK_START, _fold_char, fold


@dataclass
class Snippet:
    """The best passage of one resource for a query: `html` is escaped text with <mark>
    around the matched words (safe to render); `page` is its page number, when known."""

    html: str
    page: int | None = None


# translate() arguments that fold accents in SQL exactly as search.text.fold does in Python
# (for the Latin ranges), so ts_headline sees the folded words the query was made of.
def _fold_tables() -> tuple[str, str]:
    source, target = [], []
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _fold_tables()
FOLD_PATTERN = "[\u00c0-\u024f\u1e00-\u1eff]"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=18, ShortWord=2"
)


def _highlight(original: str, headline: str) -> str:
    """Escape, then turn the markers into <mark>. The headline is cut from folded text: put
    the same stretch of the original (accents and all) back, marks at the same places."""
    plain = headline.replace(MARK_START, "").replace(MARK_END, "")
    start = fold(original).find(plain)
    if start != -1 and plain:
        source = original[start : start + len(plain)]
        rebuilt = []
        offset = 0
        for char in headline:
            if char in (MARK_START, MARK_END):
                rebuilt.append(char)
            else:
                rebuilt.append(source[offset])
                offset += 1
        headline = "".join(rebuilt)
    escaped = html.escape(" ".join(headline.split()))
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


# The best passage of the resource row it is computed for, or its summary: one correlated
# subquery per shown row (by the passages' btree index on resource_id: the GIN index would
# list every passage in the library with a common word), as ARRAY[page, text, headline].
# ts_headline runs on the one chosen passage only (after the LIMIT).
_SNIPPET_SQL = """
    coalesce(
        (SELECT ARRAY[best.page::text, best.text,
                      ts_headline('english', CASE WHEN best.folded = '' THEN best.text
                                                  ELSE best.folded END, %s::tsquery, %s)]
         FROM (SELECT p.page, p.text, p.folded FROM search_passage p
               WHERE p.resource_id = {table}.id AND p.vector @@ %s::tsquery
               ORDER BY ts_rank_cd(p.vector, %s::tsquery) DESC, p.position
               LIMIT 1) best),
        ARRAY[NULL, {table}.summary,
              ts_headline('english', CASE WHEN {table}.summary ~ %s
                                          THEN translate({table}.summary, %s, %s)
                                          ELSE {table}.summary END, %s::tsquery, %s)]
    )
"""
SNIPPET_FIELD = "search_snippet"


def with_snippets(resources: QuerySet, match: KeywordMatch | None) -> QuerySet:
    """`resources` (a queryset of ta_library resources: the page being shown) with each
    one's snippet for `match` computed in the same query (read it with `snippet_of`)."""
    if match is None or not match.tsquery:
        return resources
    table = resources.model._meta.db_table
    tsquery = match.tsquery
    params = (tsquery, HEADLINE_OPTIONS, tsquery, tsquery)
    params += (FOLD_PATTERN, FOLD_FROM, FOLD_TO, tsquery, HEADLINE_OPTIONS)
    # Only the table name goes into the SQL; the query and options are parameters.
    expression = RawSQL(  # noqa: S611
        _SNIPPET_SQL.format(table=table),
        params,
        output_field=ArrayField(TextField()),
    )
    return resources.annotate(**{SNIPPET_FIELD: expression})


def snippet_of(resource) -> Snippet | None:
    """The snippet `with_snippets` computed for this row (None without a keyword match)."""
    value = getattr(resource, SNIPPET_FIELD, None)
    if value is None:
        return None
    page, text, headline = value
    return Snippet(html=_highlight(text or "", headline or ""), page=int(page) if page else None)
