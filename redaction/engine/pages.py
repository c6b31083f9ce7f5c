"""Page count and page images, rendered with pypdfium2 (Apache-2.0/BSD PDFium)."""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium
from PIL import Image

# PDFium is not thread-safe: every call into it from this process goes through this lock.
PDFIUM_LOCK = threading.RLock()


def open_pdf(pdf: bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(pdf)


def page_count(pdf: bytes) -> int:
    with PDFIUM_LOCK:
        document = open_pdf(pdf)
        try:
            return len(document)
        finally:
            document.close()


def page_size(pdf: bytes, page_index: int) -> tuple[float, float]:
    """(width, height) of a page in points, as displayed (rotation applied)."""
    with PDFIUM_LOCK:
        document = open_pdf(pdf)
        try:
            return tuple(document[page_index].get_size())
        finally:
            document.close()


def render_page(document: pdfium.PdfDocument, page_index: int, *, scale: float) -> Image.Image:
    """One page of an open document as an RGB image, `scale` pixels per point."""
    with PDFIUM_LOCK:
        page = document[page_index]
        bitmap = page.render(scale=scale, may_draw_forms=False)
        image = bitmap.to_pil().convert("RGB")
        page.close()
    return image


def render_page_image(pdf: bytes, page_index: int, *, width_px: int) -> Image.Image:
    with PDFIUM_LOCK:
        document = open_pdf(pdf)
        try:
            width, _ = document[page_index].get_size()
            return render_page(document, page_index, scale=width_px / width)
        finally:
            document.close()


def render_page_png(pdf: bytes, page_index: int, *, width_px: int) -> bytes:
    """A page as PNG, `width_px` wide (workbench page images and thumbnails)."""
    image = render_page_image(pdf, page_index, width_px=width_px)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()
