import pytest

from redaction.engine import ocr


@pytest.fixture
def without_ocr(monkeypatch):
    """This machine as if neither Tesseract nor RapidOCR were installed."""
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    monkeypatch.setattr(ocr, "_rapidocr_engine", lambda: None)


needs_ocr = pytest.mark.skipif(ocr.engine_name() is None, reason="no OCR engine installed")
