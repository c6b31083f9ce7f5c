"""Writes of the search app: text extraction and the search index."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from search.extraction import ExtractedText, extract
from search.models import Extraction, ExtractionStatus, IndexState, Passage, SearchDocument
from search.text import clean, fold, split_passages, vocabulary_words

logger = logging.getLogger(__name__)

# The document vector covers the first this-many characters of the body (a tsvector is
# limited to 1 MB); passages, and so snippets, cover the whole text.
MAX_BODY_CHARACTERS = 600_000


def resources_content_changed(*, resource_ids: Iterable[int]) -> None:
    """The library calls this after resources' files, titles or summaries changed, or they
    were published (inside the transaction that changed them). The search app (re)indexes
    each after commit; a constant number of queries for any number of resources."""
    from cgrs.tasks import enqueue_each

    ids = list(resource_ids)
    Extraction.objects.bulk_create(
        [Extraction(resource_id=resource_id) for resource_id in ids], ignore_conflicts=True
    )
    enqueue_each("search.tasks.index_resource", ids)


def resources_deleted() -> None:
    """The library calls this after deleting resources (inside the transaction that deleted
    them; their index rows went with them, by cascade): the index changed, so ranked results
    cached under the old version, which may hold the deleted ids, are not served again."""
    index_changed()


def index_changed() -> None:
    """Bump the index version (`IndexState.index_changed_at`, which the result cache and
    the vocabulary refresh compare)."""
    IndexState.objects.update_or_create(pk=1, defaults={"index_changed_at": timezone.now()})


def _read_file(resource) -> bytes:
    with resource.file.open("rb") as handle:
        return handle.read()


def resource_index(*, resource_id: int, force: bool = False) -> Extraction | None:
    """Extract (when the file changed, or `force`) and index one resource. Idempotent: run
    twice, the second run reads the file, sees the same hash and only refreshes the vector.
    Returns the extraction record, or None when the resource no longer exists."""
    from ta_library.models import Resource

    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None:
        return None
    extraction, _ = Extraction.objects.get_or_create(resource_id=resource_id)
    data = b""
    digest = ""
    if resource.file:
        try:
            data = _read_file(resource)
            digest = hashlib.sha256(data).hexdigest()
        except OSError:
            logger.warning("library file of resource %s is missing", resource_id)
            digest = "missing"
    unchanged = (
        not force
        and digest == extraction.file_sha256
        and extraction.status != ExtractionStatus.PENDING
        and (resource.file.name or "") == extraction.file_name
    )
    extracted: ExtractedText | None = None
    started = time.perf_counter()
    if not unchanged:
        if not resource.file:
            extracted = ExtractedText(ExtractionStatus.NO_FILE)
        elif digest == "missing":
            extracted = ExtractedText(ExtractionStatus.FAILED, error="The file is missing.")
        else:
            extracted = extract(data, resource.file.name)
    duration_ms = int((time.perf_counter() - started) * 1000)
    with transaction.atomic():
        # SECURITY/consistency: one indexing of a resource at a time (a re-run waits).
        extraction = Extraction.objects.select_for_update().get(resource_id=resource_id)
        if extracted is not None:
            _store_extraction(resource_id, extraction, extracted, digest, resource, duration_ms)
            body = "\n".join(extracted.pages)
        else:
            body = "\n".join(
                Passage.objects.filter(resource_id=resource_id)
                .order_by("position")
                .values_list("text", flat=True)
            )
        _store_document(resource, body)
        if resource.is_published:
            text = f"{resource.title} {resource.summary} {body[:MAX_BODY_CHARACTERS]}"
            vocabulary_add(vocabulary_words(text))
        index_changed()
    return extraction


def _store_extraction(resource_id, extraction, extracted, digest, resource, duration_ms) -> None:
    Passage.objects.filter(resource_id=resource_id).delete()
    rows = []
    for number, page_text in enumerate(extracted.pages, start=1):
        for passage in split_passages(page_text):
            rows.append((len(rows), number if extracted.paged else None, passage))
    passages_insert(resource_id, rows)
    extraction.status = extracted.status
    extraction.pages = extracted.page_count or (len(extracted.pages) if extracted.paged else None)
    if extracted.status in (ExtractionStatus.NO_FILE, ExtractionStatus.FAILED):
        extraction.pages = extracted.page_count
    extraction.characters = extracted.characters if extracted.pages else 0
    extraction.error = extracted.error[:300]
    extraction.file_name = resource.file.name or ""
    extraction.file_sha256 = digest
    extraction.duration_ms = duration_ms
    extraction.extracted_at = timezone.now()
    extraction.save()


def passages_insert(resource_id: int, rows: list[tuple[int, int | None, str]]) -> None:
    """Insert (position, page, text) passages of one resource, vectors computed in SQL."""
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO search_passage (resource_id, position, page, text, folded, vector)
            SELECT %s, p.position, p.page, p.text,
                   CASE WHEN p.folded = p.text THEN '' ELSE p.folded END,
                   to_tsvector('english', p.folded)
            FROM unnest(%s::int[], %s::int[], %s::text[], %s::text[])
                AS p(position, page, text, folded)
            """,
            [
                resource_id,
                [row[0] for row in rows],
                [row[1] for row in rows],
                [row[2] for row in rows],
                [fold(row[2]) for row in rows],
            ],
        )


def _store_document(resource, body: str) -> None:
    title = fold(clean(resource.title))
    summary = fold(clean(resource.summary))
    body = fold(body[:MAX_BODY_CHARACTERS])
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO search_searchdocument (resource_id, vector, head, published_on,
                                               indexed_at)
            SELECT %s, search_vector(head || setweight(to_tsvector('english', %s), 'C')),
                   search_vector(head), %s, now()
            FROM (SELECT setweight(to_tsvector('english', %s), 'A')
                         || setweight(to_tsvector('english', %s), 'B') AS head) AS h
            ON CONFLICT (resource_id) DO UPDATE SET vector = EXCLUDED.vector,
                head = EXCLUDED.head, published_on = EXCLUDED.published_on, indexed_at = now()
            """,
            [resource.pk, body, resource.published_on, title, summary],
        )


def vocabulary_add(words: Iterable[str]) -> None:
    """Make newly indexed words known at once (count 1 until the next refresh), so a word
    that is in the library is never "corrected" into another."""
    words = sorted(words)
    if not words:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO search_vocabularyword (word, stem, document_count)
            SELECT w, coalesce((ts_lexize('english_stem', w))[1], w), 1
            FROM unnest(%s::text[]) AS w
            ON CONFLICT (word) DO NOTHING
            """,
            [words],
        )


def vocabulary_replace(counts: Counter) -> int:
    """Replace the vocabulary with `counts` (word -> number of resources). Atomic."""
    items = sorted(counts.items())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_vocabularyword")
        for start in range(0, len(items), 20_000):
            batch = items[start : start + 20_000]
            cursor.execute(
                """
                INSERT INTO search_vocabularyword (word, stem, document_count)
                SELECT w, coalesce((ts_lexize('english_stem', w))[1], w), n
                FROM unnest(%s::text[], %s::int[]) AS v(w, n)
                """,
                [[word for word, _ in batch], [count for _, count in batch]],
            )
        IndexState.objects.update_or_create(
            pk=1, defaults={"vocabulary_refreshed_at": timezone.now()}
        )
    return len(items)


def vocabulary_refresh(*, only_if_changed: bool = False) -> int:
    """Rebuild the vocabulary (word, number of published resources it occurs in) from the
    indexed text. Seconds to tens of seconds on a large library: run it in a task (hourly,
    and after the demo load), never on a request. Returns the number of words."""
    from ta_library.models import Resource

    state = IndexState.objects.filter(pk=1).first()
    if (
        only_if_changed
        and state
        and state.vocabulary_refreshed_at
        and (not state.index_changed_at or state.index_changed_at < state.vocabulary_refreshed_at)
    ):
        return -1
    counts: Counter = Counter()
    published = set(Resource.objects.filter(is_published=True).values_list("pk", flat=True))
    current_id = None
    current: set[str] = set()
    with connection.chunked_cursor() as cursor:
        cursor.execute(
            """
            SELECT resource_id, text FROM search_passage
            UNION ALL
            SELECT r.id, r.title || ' ' || r.summary FROM ta_library_resource r
            ORDER BY 1
            """
        )
        while batch := cursor.fetchmany(2000):
            for resource_id, text in batch:
                if resource_id not in published:
                    continue
                if resource_id != current_id:
                    counts.update(current)
                    current_id, current = resource_id, set()
                current |= vocabulary_words(text)
    counts.update(current)
    return vocabulary_replace(counts)


def resources_index_missing(*, log=None, every: bool = False) -> dict:
    """Index every resource without an up-to-date index entry (the demo loader; an
    operator's catch-up: `manage.py index_library`), or with `every`, extract every file
    again. Returns figures: resources, pages, seconds, pages per second."""
    from ta_library.models import Resource

    done = set()
    if not every:
        done = set(
            Extraction.objects.exclude(status=ExtractionStatus.PENDING).values_list(
                "resource_id", flat=True
            )
        ) & set(SearchDocument.objects.values_list("resource_id", flat=True))
    todo = list(Resource.objects.exclude(pk__in=done).values_list("pk", flat=True))
    started = time.perf_counter()
    pages = 0
    extract_ms = 0
    for resource_id in todo:
        extraction = resource_index(resource_id=resource_id, force=every)
        if extraction is not None:
            pages += extraction.pages or 0
            extract_ms += extraction.duration_ms or 0
    seconds = time.perf_counter() - started
    figures = {
        "resources": len(todo),
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1) if seconds and pages else 0,
        "extraction_pages_per_second": round(pages / (extract_ms / 1000), 1)
        if extract_ms and pages
        else 0,
    }
    if log and todo:
        log(
            f"search: indexed {figures['resources']} resources, {pages} pages in "
            f"{figures['seconds']} s ({figures['pages_per_second']} pages/s end to end, "
            f"{figures['extraction_pages_per_second']} pages/s extraction)"
        )
    return figures


def extraction_mark_failed(*, resource_id: int, reason: str) -> None:
    """A task gave up on a file (time limit): say so on the record, keep the old index."""
    Extraction.objects.filter(resource_id=resource_id).update(
        status=ExtractionStatus.FAILED, error=reason[:300], updated_at=timezone.now()
    )
