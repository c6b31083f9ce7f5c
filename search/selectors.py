"""Keyword search over TA Library resources.

`keyword_match` costs two queries whatever the library's size: one for the lexicon (the
query words the vocabulary does not know, their correction candidates, the synonyms; none
when the page read it with its own first query, `lexicon_expression`) and one for the match
itself (ids ranked in SQL, or put in tiers; none when the result is cached). The match is
handed over as bitmaps of resource ids (`KeywordMatch.ids`, `tiers`), so the library
intersects it with its own bitmaps and orders only the page it shows.
`with_snippets` adds the snippets to the query that reads the shown rows. See
docs/performance.md for why ranking and highlighting are done the way they are.
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL
from pyroaring import BitMap, FrozenBitMap

from cgrs.versioned_cache import VersionedCache
from search.query import (
    CORRECTION_MIN_LETTERS,
    SUGGESTION_MIN_DOCUMENTS,
    ParsedQuery,
    SynonymIndex,
    best_correction,
    best_suggestion,
    has_strict_form,
    parse,
    tsquery_sql,
)
from search.text import MARK_END, MARK_START, _fold_char, fold

# Rank every match on the full vector (title A, summary B, body C) only up to this many
# matches; above it, rank on title and summary, then date (ts_rank_cd over many long
# vectors is the expensive part of a search for a common word).
FULL_RANK_LIMIT = 300
# The last word, still being typed, also stands for the most frequent words it begins
# ("findin" -> findings, finding): a prefix of the text cannot match a shorter stem.
PREFIX_COMPLETIONS = 12


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


_LEXICON_SQL = """
    WITH qs AS (
        SELECT w, coalesce((ts_lexize('english_stem', w))[1], w) AS s
        FROM unnest(%s::text[]) AS w
    ), unknown AS (
        SELECT qs.w FROM qs
        WHERE NOT EXISTS (SELECT 1 FROM search_vocabularyword v WHERE v.word = qs.w)
          AND NOT EXISTS (SELECT 1 FROM search_vocabularyword v WHERE v.stem = qs.s)
    )
    SELECT 'c', u.w, v.word, v.document_count
    FROM unknown u JOIN search_vocabularyword v
      ON SUBSTRING(v.word, 1, 1) = SUBSTRING(u.w, 1, 1)
     AND LENGTH(v.word) BETWEEN LENGTH(u.w) - CASE WHEN LENGTH(u.w) >= 9 THEN 2 ELSE 1 END
                            AND LENGTH(u.w) + CASE WHEN LENGTH(u.w) >= 9 THEN 2 ELSE 1 END
     AND (LENGTH(u.w) >= %s OR v.document_count >= %s)
    UNION ALL
    SELECT 'u', u.w, '', 0 FROM unknown u
    UNION ALL
    (SELECT 'p', '', v.word, v.document_count FROM search_vocabularyword v
     WHERE %s::text IS NOT NULL AND v.word LIKE %s::text
     ORDER BY v.document_count DESC, v.word LIMIT %s)
    UNION ALL
    SELECT 's', '', g.terms, 0 FROM search_synonymgroup g WHERE g.is_active
    UNION ALL
    SELECT 'v', '', coalesce(i.index_changed_at::text, ''), 0
    FROM search_indexstate i WHERE i.id = 1
"""


def _lexicon_sql(parsed: ParsedQuery, *, correct: bool) -> tuple[str, list]:
    """The lexicon query for `parsed`: for each query word the vocabulary does not know,
    its candidates (short words too, whatever `correct` says: they are never corrected,
    only offered a suggestion, from the common candidates only); the most frequent words
    the last word is the beginning of; the active synonym groups; the version of the index
    (when it last changed). Rows of (kind, word, value, count)."""
    words = sorted({*(parsed.correctable_words() if correct else []), *parsed.suggestable_words()})
    prefix = parsed.prefix_word()
    # One more completion than is used: fewer back means the list is every vocabulary word
    # the last word begins (see ParsedQuery.completions_complete).
    return _LEXICON_SQL, [
        words,
        CORRECTION_MIN_LETTERS,
        SUGGESTION_MIN_DOCUMENTS,
        prefix,
        f"{prefix}%" if prefix else None,
        PREFIX_COMPLETIONS + 1,
    ]


def lexicon_expression(query: str, *, correct: bool = True) -> RawSQL | None:
    """The lexicon of `query` as one JSON column, for a page to read with the query it
    makes first (the case library reads it with the case) and hand to `keyword_match` as
    `lexicon=`: one round trip fewer. None when the query has nothing searchable."""
    parsed = parse(query)
    if not parsed.positive:
        return None  # keyword_match needs no lexicon for it either
    sql, params = _lexicon_sql(parsed, correct=correct)
    # Fixed SQL; the query's words are parameters.
    return RawSQL(  # noqa: S611
        "(SELECT coalesce(json_agg(json_build_array(x.kind, x.word, x.value, x.count)), "  # noqa: S608
        f"'[]'::json)::text FROM ({sql}) AS x(kind, word, value, count))",
        params,
        output_field=TextField(),
    )


def _lexicon(rows) -> tuple[dict, list[str], SynonymIndex, str]:
    """The lexicon rows sorted out: candidates per unknown word, completions of the last
    word, the synonym index, the index version."""
    candidates: dict[str, list[tuple[str, int]]] = {}
    completions = []
    groups = []
    version = ""
    for kind, word, value, count in rows:
        if kind == "v":
            version = value
        elif kind == "u":
            candidates.setdefault(word, [])
        elif kind == "c":
            candidates.setdefault(word, []).append((value, count))
        elif kind == "p":
            completions.append(value)
        else:
            groups.append([term.strip() for term in value.split(",") if term.strip()])
    return candidates, completions, SynonymIndex.build(groups), version


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
    if lexicon is None:
        sql, params = _lexicon_sql(parsed, correct=correct)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    else:  # read with the page's first query (lexicon_expression, same query and `correct`)
        rows = json.loads(lexicon)
    unknown, completions, synonyms, version = _lexicon(rows)
    parsed.completions = completions[:PREFIX_COMPLETIONS]
    parsed.completions_complete = 0 < len(completions) <= PREFIX_COMPLETIONS
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

    cached = _RESULTS.get((sql, tuple(all_params)), version, ranked)
    match.tsquery, match.ranked, match.tiers = cached
    return match


# The ranked ids of recent searches in this process, per index version (so a changed index
# is never served stale) and the exact query sent. Paging, facet clicks and
# search-as-you-type repeat the same keyword query; ranking 100,000 matches again each time
# is the expensive part of a search for a common word. Size 0: every search ranks again.
_RESULTS: VersionedCache[tuple] = VersionedCache(size=32)


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
