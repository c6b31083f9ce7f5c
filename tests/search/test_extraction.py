"""Text extraction of real files: what staff see on the extraction record."""

import pytest
from django.core.files.base import ContentFile

from cgrs.models import OutboxMessage
from search.models import Extraction, ExtractionStatus, Passage, SearchDocument
from search.selectors import keyword_match
from search.services import resource_index, resources_content_changed
from tests.search.documents import (
    docx_with_paragraphs,
    encrypted_pdf,
    pdf_with_pages,
    pdf_without_text,
)

pytestmark = pytest.mark.django_db


def test_a_multi_page_pdf_is_extracted_page_by_page(make_resource):
    pages = [f"Page {n} discusses nexus element number {n} in detail." for n in range(1, 6)]
    resource = make_resource("Nexus guide", "Nexus.", file=pdf_with_pages(pages))
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.status == ExtractionStatus.EXTRACTED
    assert extraction.pages == 5
    assert extraction.characters >= sum(len(p) for p in pages) - 10
    assert extraction.error == ""
    stored = list(Passage.objects.filter(resource=resource).values_list("page", "text"))
    assert [page for page, _ in stored] == [1, 2, 3, 4, 5]
    assert "element number 4" in stored[3][1]


def test_a_long_page_is_cut_into_passages_of_the_same_page(make_resource):
    long_page = " ".join(f"Sentence {n} about credibility findings." for n in range(400))
    resource = make_resource(
        "Long", "", file=pdf_with_pages(["A short first page of text.", long_page])
    )
    resource_index(resource_id=resource.pk)
    passages = list(Passage.objects.filter(resource=resource).order_by("position"))
    assert len(passages) > 5
    assert {p.page for p in passages[1:]} == {2}
    assert all(len(p.text) <= 1600 for p in passages)
    joined = " ".join(p.text for p in passages[1:])
    assert "Sentence 0 about" in joined and "Sentence 399 about" in joined


def test_a_docx_is_extracted(make_resource):
    resource = make_resource(
        "Declaration template",
        "",
        file=docx_with_paragraphs(["Expert declaration on Eritrea.", "Military conscription."]),
        name="template.docx",
    )
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.status == ExtractionStatus.EXTRACTED
    assert extraction.pages is None and extraction.characters > 30
    assert resource.pk in keyword_match("conscription").ids


def test_a_pdf_without_a_text_layer_needs_ocr(make_resource):
    resource = make_resource("Scanned decision", "A scan.", file=pdf_without_text(3))
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.status == ExtractionStatus.NEEDS_OCR
    assert extraction.pages == 3
    assert "OCR" in extraction.error
    # Still findable by its title and summary.
    assert resource.pk in keyword_match("scanned").ids


def test_an_encrypted_pdf_is_marked_failed_with_the_reason(make_resource):
    resource = make_resource("Locked", "Locked file.", file=encrypted_pdf())
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.status == ExtractionStatus.FAILED
    assert "encrypted" in extraction.error
    assert resource.pk in keyword_match("locked").ids


@pytest.mark.parametrize(
    ("data", "name", "status"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "broken.pdf", "failed"),
        (pdf_with_pages(["Cut short " * 50])[:400], "truncated.pdf", "failed"),
        (b"<html><body>not a pdf</body></html>", "fake.pdf", "unsupported"),
        (b"PK\x03\x04 not really a zip", "fake.docx", "unsupported"),
    ],
)
def test_a_broken_file_marks_the_resource_and_does_not_crash(make_resource, data, name, status):
    resource = make_resource("Broken", "", file=data, name=name)
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.status == status
    assert extraction.error
    assert SearchDocument.objects.filter(resource=resource).exists()


def test_a_resource_without_a_file_is_indexed_by_its_metadata(make_resource):
    resource = make_resource("Video training on nexus", "Recorded webinar.")
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.status == ExtractionStatus.NO_FILE
    assert resource.pk in keyword_match("webinar").ids


def test_indexing_twice_does_not_read_an_unchanged_file_again(make_resource):
    resource = make_resource("Twice", "", file=pdf_with_pages(["Original text about Cameroon."]))
    first = resource_index(resource_id=resource.pk)
    assert resource.pk in keyword_match("cameroon").ids
    passages = list(Passage.objects.filter(resource=resource).values_list("pk", flat=True))
    second = resource_index(resource_id=resource.pk)
    assert second.extracted_at == first.extracted_at
    assert list(Passage.objects.filter(resource=resource).values_list("pk", flat=True)) == passages
    # A new file is extracted again, and the old text is gone from the index.
    resource.file.save("new.pdf", ContentFile(pdf_with_pages(["Now the file is about Eritrea."])))
    third = resource_index(resource_id=resource.pk)
    assert third.extracted_at > first.extracted_at
    assert resource.pk in keyword_match("eritrea").ids
    assert resource.pk not in keyword_match("cameroon").ids


def test_a_title_change_is_reindexed_without_reading_the_file(make_resource):
    resource = make_resource(
        "Old title", "", file=pdf_with_pages(["The body of this guide is on Haiti."])
    )
    first = resource_index(resource_id=resource.pk)
    resource.title = "Brand new heading"
    resource.save()
    second = resource_index(resource_id=resource.pk)
    assert second.extracted_at == first.extracted_at
    assert resource.pk in keyword_match("heading").ids
    assert resource.pk in keyword_match("haiti").ids


def test_the_library_change_hook_indexes_after_commit(
    make_resource, django_capture_on_commit_callbacks
):
    resource = make_resource("Hooked", "", file=pdf_with_pages(["Text about Venezuela."]))
    with django_capture_on_commit_callbacks(execute=True):
        resources_content_changed(resource_ids=[resource.pk])
        # Before commit: a pending record, nothing extracted yet.
        assert Extraction.objects.get(pk=resource.pk).status == ExtractionStatus.PENDING
    assert Extraction.objects.get(pk=resource.pk).status == ExtractionStatus.EXTRACTED
    message = OutboxMessage.objects.get(task_name="search.tasks.index_resource")
    assert message.args == [resource.pk] and message.sent_at is not None


def test_a_rolled_back_change_enqueues_nothing(make_resource, django_capture_on_commit_callbacks):
    from django.db import transaction

    resource = make_resource("Rolled back", "")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                resources_content_changed(resource_ids=[resource.pk])
                raise RuntimeError("abort")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not OutboxMessage.objects.filter(task_name="search.tasks.index_resource").exists()


def test_the_task_run_twice_has_one_effect(make_resource):
    from search.tasks import index_resource

    resource = make_resource(
        "Task",
        "",
        file=pdf_with_pages(["Page one of the task test.", "Page two of the task test."]),
    )
    assert index_resource.apply(args=[resource.pk]).get() == "extracted"
    count = Passage.objects.filter(resource=resource).count()
    assert index_resource.apply(args=[resource.pk]).get() == "extracted"
    assert Passage.objects.filter(resource=resource).count() == count == 2
    assert index_resource.apply(args=[999_999]).get() == "gone"


def test_extraction_is_fast_enough(make_resource):
    """pypdfium2 reads the demo-sized PDFs at well over 100 pages a second."""
    import time

    pages = [" ".join(["Country conditions in Honduras are grave."] * 60)] * 40
    resource = make_resource("Throughput", "", file=pdf_with_pages(pages))
    started = time.perf_counter()
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.pages == 40
    assert time.perf_counter() - started < 2.0


def test_a_scanned_decision_is_read_by_ocr_and_found_by_its_words(make_resource):
    """The "needs OCR" resources are filled in by the redaction engine's OCR."""
    from redaction.engine import ocr
    from redaction.engine.samples import scanned_decision_pdf

    if ocr.engine_name() is None:
        pytest.skip("no OCR engine installed")
    resource = make_resource("Decision", "A scan.", file=scanned_decision_pdf(pages=1))
    extraction = resource_index(resource_id=resource.pk)
    assert extraction.status == ExtractionStatus.EXTRACTED
    assert resource.pk in keyword_match("quintanilla").ids
