"""Words with boxes from a page image.

Tesseract through its command-line program where it is installed (Debian's `tesseract-ocr`):
its TSV output gives one row per word with a pixel box. Where it is not installed and the
`rapidocr` package is importable, RapidOCR (models inside the package) reads text lines, which
are split into words in proportion to their characters. With neither, `ocr_words` returns None
and callers treat the page as unread (the gate refuses it with a reason).

No text that OCR reads is ever logged.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess

from PIL import Image

from .types import Word

# Tesseract's own threading only fights our page-level parallelism on a 2-core machine.
_TESSERACT_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}
_TESSERACT_TIMEOUT_S = 120


@functools.cache
def tesseract_path() -> str | None:
    return shutil.which("tesseract")


@functools.cache
def _rapidocr_engine():
    try:
        from rapidocr import RapidOCR  # type: ignore[import-not-found]
    except Exception:  # not installed, or its runtime cannot load here
        return None
    try:
        return RapidOCR()
    except Exception:
        return None


def engine_name() -> str | None:
    """Which OCR engine this machine uses ("tesseract", "rapidocr") or None.

    Tesseract (Debian's package) where installed, else RapidOCR (a pinned dependency whose
    models ship inside its wheel, so a fresh machine with only Python can OCR).
    CGRS_OCR_ENGINE=rapidocr chooses RapidOCR even where Tesseract is installed."""
    if os.environ.get("CGRS_OCR_ENGINE") != "rapidocr" and tesseract_path():
        return "tesseract"
    if _rapidocr_engine() is not None:
        return "rapidocr"
    return None


def ocr_words(image: Image.Image, *, scale: float) -> list[Word] | None:
    """The words on `image` in points (pixels / `scale`), or None when no engine can read it.

    An empty list means the engine ran and found no text (a blank or fully redacted page).
    """
    engine = engine_name()
    if engine == "tesseract":
        return _tesseract_words(image, scale)
    if engine == "rapidocr":
        return _rapidocr_words(image, scale)
    return None


def _tesseract_words(image: Image.Image, scale: float) -> list[Word] | None:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG", compress_level=1)
    try:
        result = subprocess.run(
            [tesseract_path(), "stdin", "stdout", "-l", "eng", "--psm", "3", "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=_TESSERACT_TIMEOUT_S,
            env=_TESSERACT_ENV,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    words = []
    for line in result.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        if not text:
            continue
        left, top, width, height = (int(value) for value in cells[6:10])
        words.append(
            Word(
                text=text,
                x0=left / scale,
                y0=top / scale,
                x1=(left + width) / scale,
                y1=(top + height) / scale,
            )
        )
    return words


def _rapidocr_words(image: Image.Image, scale: float) -> list[Word] | None:
    import numpy as np

    try:
        result = _rapidocr_engine()(np.asarray(image.convert("RGB")))
    except Exception:
        return None
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    if boxes is None or texts is None:
        return []
    words = []
    for quad, line in zip(boxes, texts, strict=False):
        xs = [point[0] for point in quad]
        ys = [point[1] for point in quad]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        # A line box: share its width among the words by their character counts.
        tokens = line.split()
        total = max(1, len(line))
        cursor = 0
        for token in tokens:
            start = line.index(token, cursor)
            cursor = start + len(token)
            words.append(
                Word(
                    text=token,
                    x0=(x0 + (x1 - x0) * start / total) / scale,
                    y0=y0 / scale,
                    x1=(x0 + (x1 - x0) * cursor / total) / scale,
                    y1=y1 / scale,
                )
            )
    return words
