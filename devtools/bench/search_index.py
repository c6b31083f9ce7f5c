"""Search index data for a synthetic catalogue, built in bulk (benchmarks only).

`index_synthetic(resource_ids)` gives every resource ~15 KB of body text in ~1.5 KB passages
(docs/performance.md's corpus), without extracting anything: a pool of distinct bodies is
generated once (Zipf-distributed words from a domain list plus a long tail of generated
words, so the vocabulary is realistically large), their vectors computed once, and each
resource gets a copy of one body; document vectors are title (A) + summary (B) + body (C).
The words the bench searches for have known frequencies: "asylum" is in every body,
"refoulement" in one body of `BODIES`, "nonrefoulement" in a handful of titles.
"""

from __future__ import annotations

import itertools
import random
import string
import time
from collections import Counter

from django.db import connection, transaction
from django.utils import timezone

from search.models import ExtractionStatus, IndexState
from search.services import vocabulary_replace
from search.text import vocabulary_words

BODIES = 1000
PASSAGES_PER_BODY = 12
WORDS_PER_PASSAGE = 170
PAGES_PER_BODY = 5

DOMAIN_WORDS = [
    "asylum",
    "persecution",
    "refugee",
    "protection",
    "withholding",
    "removal",
    "convention",
    "torture",
    "particular",
    "social",
    "group",
    "membership",
    "political",
    "opinion",
    "religion",
    "nationality",
    "race",
    "gender",
    "violence",
    "domestic",
    "partner",
    "women",
    "girls",
    "children",
    "family",
    "gang",
    "police",
    "state",
    "government",
    "unable",
    "unwilling",
    "protect",
    "country",
    "conditions",
    "report",
    "evidence",
    "declaration",
    "expert",
    "testimony",
    "credibility",
    "corroboration",
    "nexus",
    "harm",
    "threat",
    "fear",
    "return",
    "guatemala",
    "honduras",
    "salvador",
    "mexico",
    "colombia",
    "venezuela",
    "haiti",
    "cuba",
    "nicaragua",
    "peru",
    "ecuador",
    "cameroon",
    "eritrea",
    "afghanistan",
    "judge",
    "board",
    "appeals",
    "immigration",
    "court",
    "circuit",
    "decision",
    "matter",
    "precedent",
    "standard",
    "review",
    "remand",
    "motion",
    "reopen",
    "hearing",
    "interview",
    "credible",
    "reasonable",
    "attorney",
    "client",
    "affidavit",
    "psychological",
    "evaluation",
    "trauma",
    "medical",
    "forensic",
    "mutilation",
    "cutting",
    "female",
    "genital",
    "marriage",
    "forced",
    "trafficking",
    "sexual",
    "orientation",
    "identity",
    "transgender",
    "lesbian",
    "indigenous",
    "land",
    "displacement",
    "internal",
    "relocation",
    "reasonableness",
    "past",
    "future",
    "well",
    "founded",
    "presumption",
    "rebuttal",
    "changed",
    "circumstances",
    "extraordinary",
    "deadline",
    "filing",
    "bar",
    "statute",
    "regulation",
    "federal",
    "register",
    "policy",
    "memorandum",
    "guidance",
    "training",
    "practice",
    "advisory",
    "compendium",
    "brief",
    "template",
    "sample",
    "argument",
    "framing",
]
RARE_BODY_WORD = "refoulement"
RARE_TITLE_WORD = "nonrefoulement"


def _tail_words(rng: random.Random, count: int) -> list[str]:
    letters = string.ascii_lowercase
    return ["".join(rng.choice(letters) for _ in range(rng.randint(5, 11))) for _ in range(count)]


def _bodies(rng: random.Random) -> list[list[str]]:
    """BODIES bodies of PASSAGES_PER_BODY passages each."""
    vocabulary = DOMAIN_WORDS + _tail_words(rng, 40_000)
    # Zipf-like weights: the domain words are the frequent head.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(vocabulary))]
    cumulative = list(itertools.accumulate(weights))
    bodies = []
    for number in range(BODIES):
        passages = []
        for position in range(PASSAGES_PER_BODY):
            words = rng.choices(vocabulary, cum_weights=cumulative, k=WORDS_PER_PASSAGE)
            if position == 0:
                words[3] = "asylum"
            if number == 17 and position == 4:
                words[10] = RARE_BODY_WORD
            passages.append(" ".join(words).capitalize() + ".")
        bodies.append(passages)
    return bodies


def index_synthetic(resource_ids: list[int], *, seed: int = 7, log=print) -> dict:
    """Fill the search tables for `resource_ids` (replacing what they had). Returns timings."""
    started = time.perf_counter()
    rng = random.Random(seed)
    bodies = _bodies(rng)
    ids = sorted(resource_ids)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_pool (body int, position int, page int, text text, "
            "vector tsvector) ON COMMIT DROP"
        )
        rows = [
            (number, position, 1 + position * PAGES_PER_BODY // PASSAGES_PER_BODY, text)
            for number, passages in enumerate(bodies)
            for position, text in enumerate(passages)
        ]
        cursor.execute(
            """
            INSERT INTO bench_pool
            SELECT b, p, g, t, to_tsvector('english', t)
            FROM unnest(%s::int[], %s::int[], %s::int[], %s::text[]) AS x(b, p, g, t)
            """,
            [[r[i] for r in rows] for i in range(4)],
        )
        cursor.execute(
            "CREATE TEMP TABLE bench_body ON COMMIT DROP AS "
            "SELECT body, search_vector(setweight(to_tsvector('english', string_agg(text, ' ' "
            "ORDER BY position)), 'C')) AS vector FROM bench_pool GROUP BY body"
        )
        cursor.execute("CREATE TEMP TABLE bench_ids (id bigint, body int) ON COMMIT DROP")
        cursor.execute(
            "INSERT INTO bench_ids SELECT id, (row_number() OVER (ORDER BY id) - 1) %% %s "
            "FROM unnest(%s::bigint[]) AS id",
            [BODIES, ids],
        )
        cursor.execute("ANALYZE bench_ids")
        for table in ("search_passage", "search_searchdocument", "search_extraction"):
            cursor.execute(
                f"DELETE FROM {table} WHERE resource_id IN (SELECT id FROM bench_ids)"  # noqa: S608
            )
        log(f"  search bench: pool built in {time.perf_counter() - started:.1f} s")
        # Building a GIN index once is far faster than a million GIN inserts (and the
        # deferred foreign-key checks must have run before an index is built).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("DROP INDEX IF EXISTS search_passage_vector")
        cursor.execute("DROP INDEX IF EXISTS search_document_vector")
        cursor.execute("DROP INDEX IF EXISTS search_document_head")
        cursor.execute(
            """
            INSERT INTO search_passage (resource_id, position, page, text, folded, vector)
            SELECT i.id, p.position, p.page, p.text, '', p.vector
            FROM bench_ids i JOIN bench_pool p ON p.body = i.body
            """
        )
        log(f"  search bench: passages in {time.perf_counter() - started:.1f} s")
        cursor.execute(
            """
            INSERT INTO search_searchdocument (resource_id, vector, head, published_on,
                                               indexed_at)
            SELECT h.id, h.head || b.vector, h.head, h.published_on, now()
            FROM (
                SELECT i.id, i.body, r.published_on,
                       search_vector(setweight(to_tsvector('english', r.title), 'A')
                       || setweight(to_tsvector('english', r.summary), 'B')) AS head
                FROM bench_ids i JOIN ta_library_resource r ON r.id = i.id
            ) AS h JOIN bench_body b ON b.body = h.body
            """
        )
        cursor.execute(
            """
            INSERT INTO search_extraction (resource_id, status, file_name, file_sha256, pages,
                characters, error, extracted_at, updated_at)
            SELECT i.id, %s, '', '', %s, %s, '', now(), now() FROM bench_ids i
            """,
            [ExtractionStatus.EXTRACTED, PAGES_PER_BODY, sum(len(t) for t in bodies[0])],
        )
        cursor.execute(
            'CREATE INDEX "search_passage_vector" ON "search_passage" USING gin ("vector")'
        )
        cursor.execute(
            'CREATE INDEX "search_document_vector" ON "search_searchdocument" USING gin ("vector")'
        )
        cursor.execute(
            'CREATE INDEX "search_document_head" ON "search_searchdocument" USING gin ("head")'
        )
        log(f"  search bench: documents and indexes in {time.perf_counter() - started:.1f} s")
        cursor.execute(
            "SELECT r.title || ' ' || r.summary, r.is_published, i.body "
            "FROM bench_ids i JOIN ta_library_resource r ON r.id = i.id"
        )
        counts: Counter = Counter()
        per_body: Counter = Counter()
        for text, published, body in cursor.fetchall():
            if published:
                counts.update(vocabulary_words(text))
                per_body[body] += 1
        for number, passages in enumerate(bodies):
            if per_body[number]:
                for word in vocabulary_words(" ".join(passages)):
                    counts[word] += per_body[number]
    words = vocabulary_replace(counts)
    IndexState.objects.update_or_create(pk=1, defaults={"index_changed_at": timezone.now()})
    with connection.cursor() as cursor:
        for table in ("search_passage", "search_searchdocument", "search_vocabularyword"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    seconds = time.perf_counter() - started
    log(f"  search bench: {len(ids)} resources indexed, {words} words, {seconds:.1f} s")
    return {"resources": len(ids), "words": words, "seconds": seconds}
