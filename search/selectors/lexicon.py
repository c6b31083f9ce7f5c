"""The lexicon of a keyword query: what the vocabulary says about its words.

One query (or none, when the page read it with its own first query: `lexicon_expression`)
returns, for the query words the vocabulary does not know, their correction candidates; the
most frequent words the last word begins; the active synonym groups; the index version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from search.query import (
    CORRECTION_MIN_LETTERS,
    SUGGESTION_MIN_DOCUMENTS,
    ParsedQuery,
    SynonymIndex,
    parse,
)

# The last word, still being typed, also stands for the most frequent words it begins
# ("findin" -> findings, finding): a prefix of the text cannot match a shorter stem.
PREFIX_COMPLETIONS = 12


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


@dataclass
class Lexicon:
    """What keyword matching needs from the vocabulary for one query: the candidates of each
    unknown word, the completions of the last word (at most PREFIX_COMPLETIONS, and whether
    they are all of them), the synonym index, the index version."""

    unknown: dict[str, list[tuple[str, int]]]
    completions: list[str]
    completions_complete: bool
    synonyms: SynonymIndex
    version: str


def read_lexicon(parsed: ParsedQuery, *, correct: bool, lexicon: str | None) -> Lexicon:
    """The lexicon of `parsed`: read now (one query), or from `lexicon`, read already with the
    page's first query (`lexicon_expression`, same query and `correct`)."""
    if lexicon is None:
        sql, params = _lexicon_sql(parsed, correct=correct)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    else:
        rows = json.loads(lexicon)
    unknown, completions, synonyms, version = _lexicon(rows)
    return Lexicon(
        unknown=unknown,
        completions=completions[:PREFIX_COMPLETIONS],
        completions_complete=0 < len(completions) <= PREFIX_COMPLETIONS,
        synonyms=synonyms,
        version=version,
    )
