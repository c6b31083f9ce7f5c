"""The redacted derivative: a NEW PDF built from page images with the boxes burnt in (S6).

Nothing of the original passes through: each page is rendered (≥150 dpi), the boxes are
painted opaque black into the pixels, and a fresh PDF is written from those images with no
Info, no XMP, no outline, no annotations, forms, attachments or actions, in one revision.
An invisible text layer (render mode 3) is added from OCR of the *redacted* images, so the
file is searchable and selectable but can only contain what is visible on its pages.

The layout is fixed, and the gate (`gate.is_derivative`) recognises a file as a derivative only
when every object in it has exactly this layout; only then is its invisible text accepted as
the OCR layer (it is still checked for identifiers).

    catalog: /Type /Catalog /Pages            (nothing else)
    page:    /Type /Page /Parent /MediaBox /Resources /Contents
    resources: /XObject << /Im0 image >> [/Font << /F0 Helvetica >>]
    contents:  q W 0 0 H 0 0 cm /Im0 Do Q
               [/CGRSOCR BMC BT 3 Tr (/F0 size Tf  scale Tz  1 0 0 1 x y Tm (word) Tj)* ET EMC]
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pikepdf
from PIL import Image, ImageDraw
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import ocr as ocr_engine
from .pages import PDFIUM_LOCK, open_pdf, render_page
from .types import Box, Word

OCR_LAYER_TAG = "/CGRSOCR"
OCR_FONT = "/Helvetica"
JPEG_QUALITY = 80
WORKERS = 2

# OCR of the page images this process built, by SHA-256 of the image bytes as stored, so the
# gate run right after a build does not read the same images twice. Only exact bytes hit.
_OCR_CACHE: OrderedDict[str, list[Word]] = OrderedDict()
_OCR_CACHE_SIZE = 512
_OCR_CACHE_LOCK = threading.Lock()


def ocr_cache_get(image_sha256: str | None) -> list[Word] | None:
    if image_sha256 is None:
        return None
    with _OCR_CACHE_LOCK:
        words = _OCR_CACHE.get(image_sha256)
        return list(words) if words is not None else None


def _ocr_cache_put(image_sha256: str, words: list[Word]) -> None:
    with _OCR_CACHE_LOCK:
        _OCR_CACHE[image_sha256] = list(words)
        while len(_OCR_CACHE) > _OCR_CACHE_SIZE:
            _OCR_CACHE.popitem(last=False)


def whole_page_box(pdf: bytes, page_index: int) -> Box:
    with PDFIUM_LOCK:
        document = open_pdf(pdf)
        try:
            width, height = document[page_index].get_size()
        finally:
            document.close()
    return Box(page_index, 0.0, 0.0, float(width), float(height))


def burn_in(image: Image.Image, boxes: list[Box], scale: float) -> Image.Image:
    """`image` with every box painted opaque black (pixels rounded outward)."""
    draw = ImageDraw.Draw(image)
    for box in boxes:
        draw.rectangle(
            [
                int(box.x0 * scale),
                int(box.y0 * scale),
                int(box.x1 * scale + 0.999),
                int(box.y1 * scale + 0.999),
            ],
            fill=(0, 0, 0),
        )
    return image


def _ocr_layer_ops(words: list[Word], page_height: float) -> list:
    """Content-stream operations placing each OCR word, invisible, over its image."""
    if not words:
        return []
    ops: list = [
        ([pikepdf.Name(OCR_LAYER_TAG)], pikepdf.Operator("BMC")),
        ([], pikepdf.Operator("BT")),
        ([3], pikepdf.Operator("Tr")),
    ]
    for word in words:
        text = word.text.encode("cp1252", "replace")
        height = max(1.0, word.y1 - word.y0)
        size = round(height, 2)
        natural = stringWidth(text.decode("cp1252"), "Helvetica", size) or 1.0
        scale = max(1.0, min(1000.0, 100.0 * (word.x1 - word.x0) / natural))
        baseline = page_height - word.y1 + height * 0.2
        ops += [
            ([pikepdf.Name("/F0"), size], pikepdf.Operator("Tf")),
            ([round(scale, 2)], pikepdf.Operator("Tz")),
            ([1, 0, 0, 1, round(word.x0, 2), round(baseline, 2)], pikepdf.Operator("Tm")),
            ([pikepdf.String(text)], pikepdf.Operator("Tj")),
        ]
    ops += [([], pikepdf.Operator("ET")), ([], pikepdf.Operator("EMC"))]
    return ops


def _add_page(out: pikepdf.Pdf, image: Image.Image, width: float, height: float, words):
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="JPEG", quality=JPEG_QUALITY)
    jpeg = buffer.getvalue()
    if words is not None:
        _ocr_cache_put(hashlib.sha256(jpeg).hexdigest(), words)
    words = words or []
    xobject = pikepdf.Stream(out, jpeg)
    xobject.Type = pikepdf.Name.XObject
    xobject.Subtype = pikepdf.Name.Image
    xobject.Width, xobject.Height = image.size
    xobject.ColorSpace = pikepdf.Name.DeviceGray
    xobject.BitsPerComponent = 8
    xobject.Filter = pikepdf.Name.DCTDecode
    resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobject))
    ops = [
        ([], pikepdf.Operator("q")),
        ([round(width, 4), 0, 0, round(height, 4), 0, 0], pikepdf.Operator("cm")),
        ([pikepdf.Name("/Im0")], pikepdf.Operator("Do")),
        ([], pikepdf.Operator("Q")),
        *_ocr_layer_ops(words, height),
    ]
    if words:
        resources.Font = pikepdf.Dictionary(
            F0=pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name(OCR_FONT),
                Encoding=pikepdf.Name.WinAnsiEncoding,
            )
        )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, round(width, 4), round(height, 4)],
        Resources=resources,
        Contents=pikepdf.Stream(out, pikepdf.unparse_content_stream(ops)),
    )
    out.pages.append(pikepdf.Page(page))


def build_redacted_pdf(
    pdf: bytes,
    boxes: list[Box],
    *,
    dpi: int = 150,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """A new PDF of `pdf`'s pages as images with `boxes` burnt in and an OCR text layer."""
    if dpi < 150:
        raise ValueError("the derivative is rendered at 150 dpi or more")
    scale = dpi / 72
    with PDFIUM_LOCK:
        document = open_pdf(pdf)
    try:
        total = len(document)
        by_page: dict[int, list[Box]] = {}
        for box in boxes:
            if not 0 <= box.page_index < total:
                raise ValueError(f"box on page {box.page_index + 1} of a {total}-page file")
            by_page.setdefault(box.page_index, []).append(box)

        def make(index: int):
            with PDFIUM_LOCK:
                width, height = document[index].get_size()
            image = burn_in(
                render_page(document, index, scale=scale), by_page.get(index, []), scale
            )
            words = ocr_engine.ocr_words(image, scale=scale)  # None: no engine here
            return index, image, width, height, words

        out = pikepdf.new()
        done = 0
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for _index, image, width, height, words in pool.map(make, range(total)):
                _add_page(out, image, width, height, words)
                done += 1
                if progress:
                    progress(done, total)
    finally:
        with PDFIUM_LOCK:
            document.close()
    # pikepdf.new() starts with an empty catalog; nothing else is added, and a fresh save
    # writes one revision with no Info dictionary.
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, fix_metadata_version=False)
    return buffer.getvalue()
