"""Reading the text out of library files: PDF (pypdfium2), DOCX (python-docx), plain text.

Nothing here touches the database. Every failure is an outcome (`failed` with a reason),
never an exception: a broken or encrypted file marks the resource and the worker moves on.
pypdfium2 was chosen for PDFs because it is by far the fastest of the installed readers
(measured on the demo PDFs; see the search report), and it reads what pypdf cannot.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field

from search.models import ExtractionStatus
from search.text import clean

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 3000
MAX_CHARACTERS = 5_000_000
# Fewer visible characters than this per page on average: a scan without a text layer.
MIN_CHARACTERS_PER_PAGE = 8


@dataclass
class ExtractedText:
    status: str
    # Text per page, in order; page numbers are 1-based. `paged` is False for formats
    # without pages (DOCX, text), whose text is one "page" without a number.
    pages: list[str] = field(default_factory=list)
    paged: bool = True
    page_count: int | None = None
    error: str = ""

    @property
    def characters(self) -> int:
        return sum(len(page) for page in self.pages)


def sniff(data: bytes, name: str) -> str:
    """'pdf', 'docx', 'text' or '' — by content, not by the file name (except for text)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return ""
        return ""
    if name.lower().endswith((".txt", ".md")):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return ""
        return "text"
    return ""


def extract(data: bytes, name: str) -> ExtractedText:
    if len(data) > MAX_FILE_BYTES:
        return ExtractedText(ExtractionStatus.FAILED, error="File too large to extract.")
    kind = sniff(data, name)
    try:
        if kind == "pdf":
            return _pdf(data)
        if kind == "docx":
            return _docx(data)
        if kind == "text":
            text = clean(data.decode("utf-8"))[:MAX_CHARACTERS]
            return ExtractedText(ExtractionStatus.EXTRACTED, pages=[text], paged=False)
    except Exception as error:  # any reader failure is a result, not a crash
        logger.info("text extraction failed: %s", type(error).__name__)
        return ExtractedText(ExtractionStatus.FAILED, error=_reason(error))
    return ExtractedText(
        ExtractionStatus.UNSUPPORTED, error="Not a PDF, DOCX or text file: nothing to extract."
    )


def _reason(error: Exception) -> str:
    message = str(error).lower()
    if "password" in message or "encrypt" in message:
        return "The file is encrypted (password protected)."
    return f"Unreadable file ({type(error).__name__})."[:300]


def _pdf(data: bytes) -> ExtractedText:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        return ExtractedText(ExtractionStatus.FAILED, error=_reason(error))
    try:
        count = len(document)
        if count > MAX_PAGES:
            return ExtractedText(
                ExtractionStatus.FAILED, error=f"Too many pages ({count}; limit {MAX_PAGES})."
            )
        pages = []
        total = 0
        for index in range(count):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
            total += len(text)
            if total > MAX_CHARACTERS:
                break
            pages.append(text)
    finally:
        document.close()
    visible = sum(len("".join(page.split())) for page in pages)
    if count and visible < MIN_CHARACTERS_PER_PAGE * count:
        # A scan: the same OCR the redaction gate uses reads it (Tesseract, else RapidOCR).
        read = _ocr_pages(data)
        if read is not None:
            return ExtractedText(ExtractionStatus.EXTRACTED, pages=read, page_count=count)
    if count == 0 or visible < MIN_CHARACTERS_PER_PAGE * count:
        return ExtractedText(
            ExtractionStatus.NEEDS_OCR,
            pages=[],
            page_count=count,
            error="No text layer: the pages are images (needs OCR).",
        )
    return ExtractedText(ExtractionStatus.EXTRACTED, pages=pages, page_count=count)


def _ocr_pages(data: bytes) -> list[str] | None:
    """The pages of a scanned PDF as OCR reads them, or None when no OCR engine could read
    them or they hold no text (a blank scan stays "needs OCR")."""
    from redaction.engine.text import page_texts

    texts = []
    for page in page_texts(data, ocr=True):
        if page.source == "none":
            return None
        texts.append(clean(" ".join(word.text for word in page.words)))
    visible = sum(len("".join(text.split())) for text in texts)
    if visible < MIN_CHARACTERS_PER_PAGE * len(texts):
        return None
    return texts


def _docx(data: bytes) -> ExtractedText:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    text = clean("\n\n".join(part for part in parts if part.strip()))[:MAX_CHARACTERS]
    if not text.strip():
        return ExtractedText(ExtractionStatus.NEEDS_OCR, error="The document has no text.")
    return ExtractedText(ExtractionStatus.EXTRACTED, pages=[text], paged=False)
