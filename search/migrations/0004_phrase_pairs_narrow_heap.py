"""Phrase prefilter (see search.lexemes), a GIN index on title+summary vectors for ranking
large result sets, and a narrow heap for the document table (its vectors stored out of
line, so scanning 100,000 matches reads a few MB, not a hundred)."""

import django.contrib.postgres.indexes
from django.db import migrations

from search.lexemes import COMMON_WORDS

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION search_pairs(v tsvector) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair.first || '~' || pair.second)),
                    ''::tsvector)
    FROM (
        SELECT lexeme AS first, lead(lexeme) OVER (ORDER BY position) AS second
        FROM (SELECT t.lexeme, unnest(t.positions) AS position FROM unnest(v) AS t) AS tokens
    ) AS pair
    WHERE pair.second IS NOT NULL
      AND pair.first IN (SELECT lexeme FROM search_commonlexeme)
      AND pair.second IN (SELECT lexeme FROM search_commonlexeme)
$$;

CREATE OR REPLACE FUNCTION search_vector(v tsvector) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT v || search_pairs(v)
$$;

-- A phrase as a tsquery: its pairs of common lexemes (index-only, no recheck) AND the
-- phrase itself. Lexemes are quoted here, never parsed as query syntax.
CREATE OR REPLACE FUNCTION search_phrase_query(phrase text) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN pairs.q IS NULL THEN phraseto_tsquery('english', phrase)
                ELSE pairs.q::tsquery && phraseto_tsquery('english', phrase) END
    FROM (
        SELECT string_agg(
                   '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''', ' & '
               ) AS q
        FROM unnest(search_pairs(to_tsvector('english', phrase)))
    ) AS pairs
$$;
"""


def seed(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_commonlexeme (lexeme) "
            "SELECT DISTINCT coalesce((ts_lexize('english_stem', w))[1], w) "
            "FROM unnest(%s::text[]) AS w "
            "WHERE (ts_lexize('english_stem', w))[1] IS NOT NULL "
            "ON CONFLICT DO NOTHING",
            [[word.lower() for word in COMMON_WORDS]],
        )
        # Words the parser keeps whole or the stemmer leaves out (u.s.c, i&n, single letters).
        cursor.execute(
            "INSERT INTO search_commonlexeme (lexeme) "
            "SELECT DISTINCT t.lexeme FROM unnest(to_tsvector('english', %s)) AS t "
            "ON CONFLICT DO NOTHING",
            [" ".join(COMMON_WORDS)],
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_passage_folded")]

    operations = [
        migrations.RunSQL(
            "CREATE TABLE search_commonlexeme (lexeme text PRIMARY KEY)",
            "DROP TABLE search_commonlexeme",
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunSQL(
            FUNCTIONS,
            "DROP FUNCTION search_phrase_query(text); DROP FUNCTION search_vector(tsvector); "
            "DROP FUNCTION search_pairs(tsvector);",
        ),
        migrations.RunSQL(
            "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
            "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["head"], name="search_document_head"
            ),
        ),
    ]
