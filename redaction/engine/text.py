"""The words of every page with their boxes: from the text layer where a page has one, else OCR.

The text layer is read character by character with PDFium's text page (pypdfium2): each
character's box, grouped into words on whitespace and on gaps. Pages without a text layer are
rendered and read by OCR (`ocr.py`); a page neither can read has source "none".
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pypdfium2.raw as pdfium_c

from . import ocr as ocr_engine
from .pages import PDFIUM_LOCK, open_pdf, render_page
from .types import PageText, Word

OCR_DPI = 200
# Two workers: the machine has two cores and Tesseract runs as its own process.
OCR_WORKERS = 2


def char_boxes(textpage, height: float) -> list[tuple[int, str, float, float, float, float]]:
    """(index, character, x0, y0, x1, y1) of every character, top-left origin, in points.

    Whitespace and PDFium's generated characters (inferred spaces and line breaks) come back
    as " " with no box.
    """
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    # All the characters in one call (UTF-16, one unit per character index) ...
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    units = bytes(buffer)[: count * 2].decode("utf-16-le", "replace")
    if len(units) != count:  # characters outside the BMP: fall back to one by one
        units = "".join(
            chr(code) if 0 < (code := pdfium_c.FPDFText_GetUnicode(handle, i)) < 0x110000 else " "
            for i in range(count)
        )
    # ... and each character's box.
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    get_box = pdfium_c.FPDFText_GetCharBox
    is_generated = pdfium_c.FPDFText_IsGenerated
    chars = []
    append = chars.append
    for index, character in enumerate(units):
        if character.isspace() or character == "\x00" or is_generated(handle, index) == 1:
            append((index, " ", 0.0, 0.0, 0.0, 0.0))
            continue
        get_box(handle, index, *refs)
        append(
            (index, character, left.value, height - top.value, right.value, height - bottom.value)
        )
    return chars


def words_from_chars(chars) -> list[Word]:
    """Group characters into words: a new word at whitespace, a jump back, or a wide gap."""
    words: list[Word] = []
    text: list[str] = []
    x0 = y0 = x1 = y1 = 0.0
    last = None
    for char in chars:
        character = char[1]
        if character == " ":
            if text:
                words.append(Word("".join(text), x0, y0, x1, y1))
                text = []
            last = None
            continue
        cx0, cy0, cx1, cy1 = char[2], char[3], char[4], char[5]
        if last is not None:
            height = max(1.0, last[5] - last[3], cy1 - cy0)
            same_line = abs((cy0 + cy1) - (last[3] + last[5])) < height * 1.2
            gap = cx0 - last[4]
            if not same_line or gap > height * 0.45 or gap < -height:
                words.append(Word("".join(text), x0, y0, x1, y1))
                text = []
        if not text:
            x0, y0, x1, y1 = cx0, cy0, cx1, cy1
        else:
            x0, y0, x1, y1 = min(x0, cx0), min(y0, cy0), max(x1, cx1), max(y1, cy1)
        text.append(character)
        last = char
    if text:
        words.append(Word("".join(text), x0, y0, x1, y1))
    return words


def _text_layer(document, page_index: int) -> tuple[float, float, list[Word]]:
    with PDFIUM_LOCK:
        page = document[page_index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        chars = char_boxes(textpage, height)
        textpage.close()
        page.close()
    return width, height, words_from_chars(chars)


def page_texts(
    pdf: bytes,
    *,
    ocr: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[PageText]:
    """Every page's words: text layer, else OCR (if `ocr`), else source "none"."""
    with PDFIUM_LOCK:
        document = open_pdf(pdf)
    try:
        total = len(document)
        results: list[PageText | None] = [None] * total
        to_ocr = []
        for index in range(total):
            width, height, words = _text_layer(document, index)
            if words:
                results[index] = PageText(index, width, height, tuple(words), "text")
            else:
                results[index] = PageText(index, width, height, (), "none")
                to_ocr.append(index)
        done = total - len(to_ocr)
        if progress:
            progress(done, total)
        if ocr and to_ocr and ocr_engine.engine_name() is not None:
            scale = OCR_DPI / 72

            def read(index: int):
                image = render_page(document, index, scale=scale)
                return index, ocr_engine.ocr_words(image, scale=scale)

            with ThreadPoolExecutor(max_workers=OCR_WORKERS) as pool:
                for index, words in pool.map(read, to_ocr):
                    page = results[index]
                    if words is not None:
                        results[index] = PageText(
                            index, page.width, page.height, tuple(words), "ocr"
                        )
                    done += 1
                    if progress:
                        progress(done, total)
        return [page for page in results if page is not None]
    finally:
        with PDFIUM_LOCK:
            document.close()


def searchable_text(pdf: bytes) -> str:
    """All the text of a PDF for the search index: text layer, else OCR, page by page."""
    return "\n\f".join(page.text for page in page_texts(pdf, ocr=True))
