"""Keyword matching: the resources a query finds, ranked in SQL or put in tiers.

`keyword_match` costs two queries whatever the library's size: one for the lexicon (see
search.selectors.lexicon; none when the page read it with its own first query) and one for
the match itself (none when the result is cached). The match is handed over as bitmaps of
resource ids (`KeywordMatch.ids`, `tiers`), so the library intersects it with its own
bitmaps and orders only the page it shows. See docs/performance.md for why ranking is done
the way it is.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from pyroaring import BitMap, FrozenBitMap

from cgrs.versioned_cache import VersionedCache
from search.query import best_correction, best_suggestion, has_strict_form, parse, tsquery_sql
from search.selectors.lexicon import read_lexicon

# Rank every match on the full vector (title A, summary B, body C) only up to this many
# matches; above it, rank on title and summary, then date (ts_rank_cd over many long
# vectors is the expensive part of a search for a common word).
FULL_RANK_LIMIT = 300


@dataclass
class KeywordMatch:
    """What a keyword search found, for the library to intersect with its filters.

    `ids`: every matching resource id, as a bitmap (what the library intersects with its
    own bitmaps of ids). The ranking is either `ranked` (every match best first, when few
    matched and all were ranked on the full vector) or `tiers` (disjoint bitmaps of ids,
    better tier first: title/summary matches, then the rest; newest first within a tier),
    so a large result is never put in order beyond the page shown. `corrected`: the query
    as it was searched after spelling correction, or "" when nothing was corrected.
    `suggestion`: the query with its short words that are in no resource replaced by a
    close, common word (never searched: offered as "Did you mean"), or "". `tsquery` is the
    query PostgreSQL searched (its own canonical text), which `with_snippets` highlights.
    """

    query: str
    corrected: str = ""
    suggestion: str = ""
    tsquery: str = ""
    ranked: tuple[int, ...] | None = ()
    tiers: tuple[FrozenBitMap, ...] = ()

    @functools.cached_property
    def ids(self) -> FrozenBitMap:
        if self.ranked is not None:
            return FrozenBitMap(self.ranked)
        return FrozenBitMap(BitMap.union(BitMap(), *self.tiers))

    def __len__(self) -> int:
        return len(self.ranked) if self.ranked is not None else sum(map(len, self.tiers))


# The ranked ids of recent searches in this process, per index version (so a changed index
# is never served stale) and the exact query sent. Paging, facet clicks and
# search-as-you-type repeat the same keyword query; ranking 100,000 matches again each time
# is the expensive part of a search for a common word. Size 0: every search ranks again.
_RESULTS: VersionedCache[tuple] = VersionedCache(size=32)


def keyword_match(
    query: str, *, correct: bool = True, lexicon: str | None = None
) -> KeywordMatch | None:
    """Resources matching `query`, or None when the query has nothing searchable.

    With `correct` (the default), query words that are in no indexed resource are replaced
    by the closest frequent vocabulary word ("Guatamala" -> "guatemala"); `corrected` then
    says what was searched. `correct=False` is "search instead for" what was typed.
    Acronyms and their expansions find each other (staff-edited SynonymGroup). The last word
    also matches as a prefix (search as you type). `lexicon`: this query's lexicon, read
    already with the page's first query (`lexicon_expression`, same `correct`).
    """
    parsed = parse(query)
    if not parsed.searchable:
        return None
    if not parsed.positive:
        # Only exclusions (`-asylum`): nothing to look for, so nothing found (not the
        # whole library without one word).
        return KeywordMatch(query=query)
    words = read_lexicon(parsed, correct=correct, lexicon=lexicon)
    unknown, completions, synonyms = words.unknown, words.completions, words.synonyms
    parsed.completions = completions
    parsed.completions_complete = words.completions_complete
    corrected_any = suggested_any = False
    prefix = parsed.prefix_word()
    for chunk in parsed.chunks:
        if not chunk.is_word or chunk.tokens[0] not in unknown:
            continue
        word = chunk.tokens[0]
        if word == prefix and chunk is parsed.chunks[-1] and completions:
            continue  # still being typed: the beginning of a known word
        replacement = best_correction(word, unknown[word])
        if replacement:
            chunk.corrected = replacement
            corrected_any = True
            continue
        # A short word is not corrected (too easily another word), but it finds nothing:
        # offer the likely word instead.
        suggestion = None if chunk.negated else best_suggestion(word, unknown[word])
        if suggestion:
            chunk.suggested = suggestion
            suggested_any = True
    expression, params = tsquery_sql(parsed, synonyms)
    ranking, ranking_params = tsquery_sql(parsed, synonyms, for_ranking=True)
    # A synonym typed in several words (`particular social group`) finds the words apart
    # too; those with the words side by side, or a synonym, rank first ("strict").
    strict, strict_params = strict_ranking, strict_ranking_params = ("NULL::tsquery", [])
    if has_strict_form(parsed, synonyms):
        strict, strict_params = tsquery_sql(parsed, synonyms, strict=True)
        strict_ranking, strict_ranking_params = tsquery_sql(
            parsed, synonyms, strict=True, for_ranking=True
        )
    match = KeywordMatch(
        query=query,
        corrected=parsed.display() if corrected_any else "",
        suggestion=parsed.display(suggested=True) if suggested_any else "",
    )
    # `expression`, `ranking` and `strict` are assembled from fixed templates only; every
    # piece of user text is in the parameters (see search.query.tsquery_sql).
    # The query values come from a CTE, so the planner cannot see that a word is in every
    # document and always takes the GIN index (with the value inline it chose a sequential
    # scan that reads every stored vector: 1.7 s at 100,000 resources). `querytree` is the
    # part of the query the index can search: 'T' when it is only exclusions (every stop
    # word but a `-word`), which would read every vector, and then nothing is found.
    # Among the strict matches, the order the strict query alone would give them.
    strict_first = (
        "(d.vector @@ q.s) IS TRUE DESC, ts_rank_cd(d.vector, q.rs, 1) DESC, "
        if strict_params
        else ""
    )
    sql = f"""
        WITH q AS MATERIALIZED (
            SELECT ({expression}) AS q, ({ranking}) AS r, ({strict}) AS s,
                   ({strict_ranking}) AS rs
        ),
        hits AS MATERIALIZED (
            SELECT ARRAY(
                SELECT d.resource_id FROM search_searchdocument d, q
                WHERE querytree(q.q) NOT IN ('', 'T') AND d.vector @@ q.q
            ) AS ids
        )
        SELECT (SELECT r::text FROM q), cardinality(hits.ids),
               CASE WHEN cardinality(hits.ids) <= {FULL_RANK_LIMIT} THEN ARRAY(
                   SELECT d.resource_id FROM search_searchdocument d, q
                   WHERE d.resource_id = ANY (hits.ids)
                   ORDER BY {strict_first}ts_rank_cd(d.vector, q.r, 1) DESC,
                            d.published_on DESC, d.resource_id DESC
               ) ELSE hits.ids END,
               CASE WHEN cardinality(hits.ids) > {FULL_RANK_LIMIT} THEN ARRAY(
                   SELECT d.resource_id FROM search_searchdocument d, q WHERE d.head @@ q.q
               ) END,
               CASE WHEN cardinality(hits.ids) > {FULL_RANK_LIMIT} AND q.s IS NOT NULL
                    THEN ARRAY(
                   SELECT d.resource_id FROM search_searchdocument d WHERE d.vector @@ q.s
               ) END
        FROM hits, q
    """  # noqa: S608
    all_params = [*params, *ranking_params, *strict_params, *strict_ranking_params]

    def ranked() -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            tsquery, total, ids, head_ids, strict_ids = cursor.fetchone()
        if total > FULL_RANK_LIMIT:
            # Tiers, each newest first (by whoever shows them: see KeywordMatch.tiers):
            # the strict form in title/summary, the strict form anywhere, the rest in
            # title/summary, the rest.
            everything = BitMap(ids)
            head = BitMap(head_ids or ()) & everything
            close = BitMap(strict_ids or ()) & everything
            tiers = (head & close, close - head, head - close, everything - head - close)
            cached = (tsquery or "", None, tuple(FrozenBitMap(t) for t in tiers if t))
        else:
            cached = (tsquery or "", tuple(ids or ()), ())
        return cached

    cached = _RESULTS.get((sql, tuple(all_params)), words.version, ranked)
    match.tsquery, match.ranked, match.tiers = cached
    return match
