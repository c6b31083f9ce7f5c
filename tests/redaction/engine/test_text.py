"""Words from the text layer, OCR of scanned pages, and what happens with no OCR engine."""

import pytest

from documents.samples import SampleParties, decision_pdf
from redaction.engine import samples
from redaction.engine.gate import check_pdf
from redaction.engine.pages import page_count, render_page_png
from redaction.engine.text import page_texts, searchable_text

from .conftest import needs_ocr


@pytest.fixture(scope="module")
def scanned() -> bytes:
    return samples.scanned_decision_pdf(pages=2)


def test_the_text_layer_gives_words_with_boxes_in_top_left_points():
    pages = page_texts(decision_pdf(), ocr=False)
    first = pages[0]
    assert first.source == "text"
    assert (first.width, first.height) == (612, 792)
    caption = next(w for w in first.words if w.text == "UNITED")
    assert 0 < caption.y0 < 120  # near the top: y grows downward
    assert caption.x1 > caption.x0 and caption.y1 > caption.y0


def test_pages_render_as_png():
    data = decision_pdf()
    assert page_count(data) == 2
    png = render_page_png(data, 0, width_px=300)
    assert png.startswith(b"\x89PNG")


@needs_ocr
def test_a_scanned_decision_is_read_by_ocr_with_word_boxes(scanned):
    progress = []
    pages = page_texts(scanned, progress=lambda done, total: progress.append((done, total)))
    assert [p.source for p in pages] == ["ocr", "ocr"]
    assert progress[-1] == (2, 2)
    text = " ".join(w.text for w in pages[0].words).upper()
    assert "IMMIGRATION" in text and "RESPONDENT" in text
    assert all(0 <= w.x0 < w.x1 <= 612 and 0 <= w.y0 < w.y1 <= 792 for w in pages[0].words)
    assert "QUINTANILLA" in searchable_text(scanned).upper()


@needs_ocr
def test_the_gate_reads_a_scan_and_finds_its_a_number(scanned):
    report = check_pdf(scanned, [])
    assert {f.code for f in report.findings} == {"IDENTIFIER_IN_TEXT"}


def test_without_any_ocr_engine_scans_have_no_words_and_the_gate_refuses(scanned, without_ocr):
    pages = page_texts(scanned)
    assert [p.source for p in pages] == ["none", "none"]
    report = check_pdf(scanned, [])
    assert not report.passed
    assert {(f.code, f.page) for f in report.findings} == {
        ("OCR_UNAVAILABLE", 0),
        ("OCR_UNAVAILABLE", 1),
    }
    assert "OCR" in report.findings[0].detail


def test_without_ocr_text_pdfs_still_work(without_ocr):
    pages = page_texts(decision_pdf(SampleParties()))
    assert [p.source for p in pages] == ["text", "text"]


def test_rapidocr_reads_a_scan_on_a_machine_without_tesseract(scanned, monkeypatch):
    """The OCR a fresh machine with only Python has: RapidOCR, its models in the wheel."""
    monkeypatch.setenv("CGRS_OCR_ENGINE", "rapidocr")
    from redaction.engine import ocr

    assert ocr.engine_name() == "rapidocr"
    first = page_texts(scanned)[0]
    assert first.source == "ocr"
    text = " ".join(w.text for w in first.words).upper()
    assert "IMMIGRATION" in text and "QUINTANILLA" in text
    assert all(0 <= w.x0 < w.x1 <= 612 and 0 <= w.y0 < w.y1 <= 792 for w in first.words)
    # The gate finds the A-number through it too.
    assert "IDENTIFIER_IN_TEXT" in {f.code for f in check_pdf(scanned, []).findings}
