"""The redaction gate: `check_pdf`, the one check a file passes before anyone else gets it (S5).

`manage.py check_redaction` calls it and publishing calls it on the exact bytes to be served.
It looks at the file's structure with pikepdf (qpdf) and at every page's content with PDFium
(pypdfium2): each character's box, render mode and colour, the drawing order of text, filled
paths and images, and the rendered pixels.

TEXT_UNDER_BOX follows the method of freelawproject/x-ray (rebuilt here; no x-ray code and no
PyMuPDF): a character counts as covered when a filled box (a filled path or an image smaller
than half the page) overlaps most of its box AND the rendered pixels there are one dark colour,
i.e. the text is live but nothing of it shows. Drawing order is not needed: black text drawn on
a black box is hidden just the same, and visible text on a dark box leaves lighter pixels.

The derivative's own invisible OCR layer is the one exception to INVISIBLE_TEXT, and only when
the whole file has exactly the layout `derivative.py` writes (`is_derivative`): then every
page is one full-page image with invisible words over it and nothing else can hide there. Its
words are still checked for identifiers, and the page images are read by OCR.

Findings never carry the text or the identifiers found, only where and what kind; nothing here
logs.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import re
from collections.abc import Callable, Iterable

import pikepdf
import pypdfium2.raw as pdfium_c

from . import ocr as ocr_engine
from . import textmatch as tm
from .derivative import OCR_LAYER_TAG, ocr_cache_get
from .pages import PDFIUM_LOCK, open_pdf
from .text import OCR_DPI, char_boxes, words_from_chars
from .types import CheckReport, Finding, Identifier, Word

CODES = (
    "TEXT_UNDER_BOX",
    "INVISIBLE_TEXT",
    "IDENTIFIER_IN_TEXT",
    "IDENTIFIER_IN_METADATA",
    "ANNOTATION",
    "FORM_FIELD",
    "ATTACHMENT",
    "ACTION",
    "REVISION",
    "ENCRYPTED",
    "MALFORMED",
    # Not in the table: a page with no text layer that no OCR engine could read. The
    # gate refuses it rather than pass a page it could not check.
    "OCR_UNAVAILABLE",
)

CHECK_SCALE = 1.5  # pixels per point for the pixel checks (108 dpi)
DARK = 100  # grey level at or below which a pixel counts as dark
# Around each character, so a glyph that is all ink in its tight box ("-", ".") is judged
# against what surrounds it.
GLYPH_MARGIN = 1.0
UNIFORM = 16  # grey levels: a wider spread under a box means a glyph shows through
COVERED_SHARE = 0.5  # a box must overlap this share of a character's box
MIN_COVER = 3.0  # points: filled shapes thinner than this are lines, not boxes
_DANGEROUS_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/URI",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/ResetForm",
    "/Rendition",
    "/Sound",
    "/Movie",
    "/Hide",
    "/SetOCGState",
    "/Trans",
    "/GoTo3DView",
    "/RichMediaExecute",
    "/Named",
}


def check_pdf(
    pdf: bytes,
    identifiers: Iterable[Identifier] = (),
    *,
    progress: Callable[[int, int], None] | None = None,
) -> CheckReport:
    """Check `pdf` for everything that can leak past a redaction; passed only with no finding."""
    identifiers = [i for i in identifiers if i.value and i.value.strip()]
    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PasswordError:
        return _report(0, [Finding("ENCRYPTED", None, "The file needs a password to open.")])
    except Exception:
        return _report(0, [Finding("MALFORMED", None, "The file cannot be read as a PDF.")])
    with document:
        if document.is_encrypted:
            return _report(
                len(document.pages), [Finding("ENCRYPTED", None, "The file is encrypted.")]
            )
        pages = len(document.pages)
        if pages == 0:
            return _report(0, [Finding("MALFORMED", None, "The file has no pages.")])
        findings = _structure_findings(document, pdf, identifiers)
        derivative = is_derivative(document)
        images = _image_hashes(document) if derivative else {}
    findings += _content_findings(pdf, pages, identifiers, derivative, images, progress)
    return _report(pages, findings)


def _report(pages: int, findings: list[Finding]) -> CheckReport:
    return CheckReport(passed=not findings, pages=pages, findings=tuple(findings))


# --- Structure: metadata, annotations, forms, attachments, actions, revisions ------------------


def _structure_findings(document: pikepdf.Pdf, raw: bytes, identifiers) -> list[Finding]:
    findings: list[Finding] = []
    if document.get_warnings():
        findings.append(
            Finding("MALFORMED", None, "The file is damaged and had to be repaired to be read.")
        )
    findings += _revision_findings(raw)

    root = document.Root
    for number, page in enumerate(document.pages):
        annots = page.obj.get("/Annots")
        if annots is not None and len(annots):
            kinds = sorted({str(a.get("/Subtype", "unknown"))[1:] for a in annots})
            findings.append(
                Finding("ANNOTATION", number, f"{len(annots)} annotation(s): {', '.join(kinds)}.")
            )
        if "/AA" in page.obj:
            findings.append(Finding("ACTION", number, "The page runs actions when opened."))

    acroform = root.get("/AcroForm")
    if acroform is not None and (len(acroform.get("/Fields", [])) or "/XFA" in acroform):
        kind = "XFA form" if "/XFA" in acroform else "form fields"
        findings.append(Finding("FORM_FIELD", None, f"The file contains {kind}."))

    walk = _walk(document)
    if walk.embedded or len(document.attachments):
        findings.append(Finding("ATTACHMENT", None, "The file carries embedded files."))
    actions = []
    if "/OpenAction" in root:
        actions.append("an action on opening")
    if "/AA" in root:
        actions.append("document actions")
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names:
        actions.append("document JavaScript")
    if walk.actions:
        actions.append(", ".join(sorted(walk.actions)) + " action(s)")
    if actions:
        findings.append(Finding("ACTION", None, "The file has " + "; ".join(actions) + "."))

    hits = _identifier_hits(walk.strings, identifiers)
    if hits:
        findings.append(
            Finding(
                "IDENTIFIER_IN_METADATA",
                None,
                f"{hits} identifier match(es) in the document information, XMP, bookmarks, "
                "page labels, names or other strings of the file.",
            )
        )
    return findings


def _revision_findings(raw: bytes) -> list[Finding]:
    linearized = b"/Linearized" in raw[:2048]
    sections = len(re.findall(rb"startxref\s+\d+", raw))
    prev = re.search(rb"/Prev\s+\d+", raw) is not None
    if sections > (2 if linearized else 1) or (prev and not linearized):
        return [
            Finding(
                "REVISION",
                None,
                "The file has more than one saved revision (an incremental update); "
                "earlier versions of its pages may be inside it.",
            )
        ]
    return []


class _Walk:
    def __init__(self):
        self.strings: list[str] = []
        self.actions: set[str] = set()
        self.embedded = False


def _walk(document: pikepdf.Pdf) -> _Walk:
    """Every string, action and embedded file reachable from the catalog and the Info.

    Page content streams and images are not decoded here (their text is checked page by
    page); XMP metadata streams are.
    """
    walk = _Walk()
    seen: set[tuple[int, int]] = set()
    stack: list = [document.Root]
    if "/Info" in document.trailer:
        stack.append(document.trailer.Info)
    while stack:
        obj = stack.pop()
        if not isinstance(obj, pikepdf.Object):
            continue  # numbers and booleans
        if obj.is_indirect:
            key = obj.objgen
            if key in seen:
                continue
            seen.add(key)
        if isinstance(obj, pikepdf.String):
            walk.strings.append(_string_text(obj))
        elif isinstance(obj, pikepdf.Array):
            stack.extend(obj)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            mapping = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
            kind = mapping.get("/Type")
            if kind == pikepdf.Name.EmbeddedFile or "/EF" in mapping:
                walk.embedded = True
            action = mapping.get("/S")
            if isinstance(action, pikepdf.Name) and str(action) in _DANGEROUS_ACTIONS:
                walk.actions.add(str(action)[1:])
            if "/JS" in mapping:
                walk.actions.add("JavaScript")
            if isinstance(obj, pikepdf.Stream) and (
                kind == pikepdf.Name.Metadata or mapping.get("/Subtype") == pikepdf.Name.XML
            ):
                try:
                    walk.strings.append(obj.read_bytes().decode("utf-8", "replace"))
                except pikepdf.PdfError:
                    walk.strings.append("")
            for name, value in mapping.items():
                if name in ("/Contents", "/Parent") and mapping.get("/Type") == pikepdf.Name.Page:
                    continue
                if name == "/Parent":
                    continue
                walk.strings.append(name[1:])
                stack.append(value)
    return walk


def _string_text(value: pikepdf.String) -> str:
    try:
        return str(value)
    except UnicodeDecodeError:
        return bytes(value).decode("latin-1")


def _identifier_hits(texts: Iterable[str], identifiers) -> int:
    hits = 0
    for text in texts:
        if not text:
            continue
        hits += len(tm.a_number_spans(text))
        words = tuple(tm.tokens(text))
        for identifier in identifiers:
            sequences, patterns = tm.identifier_forms(identifier)
            hits += sum(1 for p in patterns if p.search(text))
            hits += sum(1 for s in sequences if _contains(words, s, fuzzy=False))
    return hits


def _contains(words: tuple[str, ...], sequence: list[str], *, fuzzy: bool) -> bool:
    n = len(sequence)
    strict = not fuzzy or n == 1  # one word alone is matched exactly
    for i in range(len(words) - n + 1):
        if all(tm.tokens_match(words[i + k], sequence[k], fuzzy=not strict) for k in range(n)):
            return True
    return False


# --- The derivative's layout ------------------------------------------------------------------


def is_derivative(document: pikepdf.Pdf) -> bool:
    """True only when every object of the file is laid out exactly as `derivative.py` writes."""
    try:
        if set(document.trailer.keys()) - {"/Root", "/Size", "/ID"}:
            return False
        root = document.Root
        if set(root.keys()) != {"/Type", "/Pages"}:
            return False
        if set(root.Pages.keys()) - {"/Type", "/Kids", "/Count"}:
            return False
        expected = 2
        for kid in root.Pages.Kids:
            if kid.get("/Type") != pikepdf.Name.Page:
                return False
            size = _derivative_page_objects(kid)
            if size is None:
                return False
            expected += size
        return len(document.objects) - _null_objects(document) == expected
    except (AttributeError, KeyError, TypeError, ValueError, pikepdf.PdfError):
        return False


def _null_objects(document: pikepdf.Pdf) -> int:
    return sum(1 for obj in document.objects if obj is None or isinstance(obj, type(None)))


def _derivative_page_objects(page: pikepdf.Dictionary) -> int | None:
    """How many objects a derivative page owns, or None when it is not laid out as one."""
    if set(page.keys()) - {"/Type", "/Parent", "/MediaBox", "/Resources", "/Contents"}:
        return None
    resources = page.Resources
    if set(resources.keys()) - {"/XObject", "/Font"} or set(resources.XObject.keys()) != {"/Im0"}:
        return None
    image = resources.XObject.Im0
    allowed = {
        "/Type",
        "/Subtype",
        "/Width",
        "/Height",
        "/ColorSpace",
        "/BitsPerComponent",
        "/Filter",
        "/Length",
    }
    if image.get("/Subtype") != pikepdf.Name.Image or set(image.keys()) - allowed:
        return None
    owned = 3
    fonts = resources.get("/Font")
    if fonts is not None:
        if set(fonts.keys()) != {"/F0"}:
            return None
        font = fonts.F0
        if dict(font.items()) != {
            "/Type": pikepdf.Name.Font,
            "/Subtype": pikepdf.Name.Type1,
            "/BaseFont": pikepdf.Name("/Helvetica"),
            "/Encoding": pikepdf.Name.WinAnsiEncoding,
        }:
            return None
        owned += 1 if font.is_indirect else 0
    if not isinstance(page.Contents, pikepdf.Stream):
        return None
    ops = pikepdf.parse_content_stream(page.Contents)
    width, height = float(page.MediaBox[2]), float(page.MediaBox[3])
    if [float(v) for v in page.MediaBox[:2]] != [0.0, 0.0] or len(ops) < 4:
        return None
    names = [str(op.operator) for op in ops]
    if names[:4] != ["q", "cm", "Do", "Q"]:
        return None
    cm = [float(v) for v in ops[1].operands]
    if cm != [width, 0.0, 0.0, height, 0.0, 0.0] or str(ops[2].operands[0]) != "/Im0":
        return None
    rest = ops[4:]
    if not rest:
        return owned
    if names[4:7] != ["BMC", "BT", "Tr"] or names[-2:] != ["ET", "EMC"]:
        return None
    if str(rest[0].operands[0]) != OCR_LAYER_TAG or int(rest[2].operands[0]) != 3:
        return None
    body = names[7:-2]
    if len(body) % 4 or body != ["Tf", "Tz", "Tm", "Tj"] * (len(body) // 4):
        return None
    if fonts is None:
        return None
    return owned


def _image_hashes(document: pikepdf.Pdf) -> dict[int, str]:
    hashes = {}
    for index, page in enumerate(document.pages):
        raw = page.obj.Resources.XObject.Im0.read_raw_bytes()
        hashes[index] = hashlib.sha256(raw).hexdigest()
    return hashes


# --- Page content: hidden text, invisible text, identifiers ----------------------------------


def _content_findings(pdf, pages, identifiers, derivative, images, progress) -> list[Finding]:
    findings: list[Finding] = []
    with PDFIUM_LOCK:
        try:
            document = open_pdf(pdf)
        except Exception:
            return [Finding("MALFORMED", None, "The file's pages cannot be read.")]
    try:
        for index in range(pages):
            with PDFIUM_LOCK:
                page_result = _inspect_page(document, index, derivative)
            words, needs_ocr, page_findings = page_result
            findings += page_findings
            if needs_ocr:
                ocr_words = ocr_cache_get(images.get(index)) if derivative else None
                if ocr_words is None:
                    ocr_words = _ocr_page(document, index)
                if ocr_words is None:
                    findings.append(
                        Finding(
                            "OCR_UNAVAILABLE",
                            index,
                            "This page is an image and no OCR engine could read it, so it "
                            "cannot be checked for identifiers. Install Tesseract or RapidOCR.",
                        )
                    )
                else:
                    words = words + ocr_words
            hits = _identifier_hits([" ".join(w.text for w in words)], identifiers)
            if hits:
                source = "text layer or OCR" if needs_ocr else "text layer"
                findings.append(
                    Finding(
                        "IDENTIFIER_IN_TEXT",
                        index,
                        f"{hits} identifier match(es) in the page's {source}.",
                    )
                )
            if progress:
                progress(index + 1, pages)
    finally:
        with PDFIUM_LOCK:
            document.close()
    return findings


def _ocr_page(document, index: int) -> list[Word] | None:
    if ocr_engine.engine_name() is None:
        return None
    from .pages import render_page

    scale = OCR_DPI / 72
    image = render_page(document, index, scale=scale)
    return ocr_engine.ocr_words(image, scale=scale)


def _handle(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _inspect_page(document, index: int, derivative: bool):
    """(words of the text layer, whether the page needs OCR, findings) for one page."""
    findings: list[Finding] = []
    page = document[index]
    width, height = page.get_size()
    page_area = width * height

    # Objects in drawing order: text objects by handle, and the filled shapes and images.
    order: dict[int, int] = {}
    # Filled shapes and images that can hide text: (page background?, x0, y0, x1, y1). Text
    # hidden behind something half the page or larger (a scan over its own text, a coloured
    # page background) is invisible text; text hidden by a box (a filled shape or an image
    # smaller than that) is text under a box, as x-ray counts it.
    covers: list[tuple[bool, float, float, float, float]] = []
    image_area = 0.0
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    colour = tuple(ctypes.byref(c) for c in (r, g, b, a))
    hidden_text = False  # some text object is invisible, white or transparent
    for position, obj in enumerate(page.get_objects(max_depth=8)):
        handle = _handle(obj.raw)
        order[handle] = position
        kind = obj.type
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
            invisible_mode = mode in (
                pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE,
                pdfium_c.FPDF_TEXTRENDERMODE_CLIP,
            )
            clear = pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *colour) and (
                a.value == 0 or min(r.value, g.value, b.value) >= 245
            )
            hidden_text = hidden_text or invisible_mode or bool(clear)
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
            if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE:
                continue
        left, bottom, right, top = obj.get_bounds()
        if right - left < MIN_COVER or top - bottom < MIN_COVER:
            continue  # rules, underlines and table borders hide nothing
        area = max(0.0, right - left) * max(0.0, top - bottom)
        background = area >= 0.5 * page_area
        covers.append((background, left, height - top, right, height - bottom))
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            image_area += area

    textpage = page.get_textpage()
    chars = char_boxes(textpage, height)
    visible = [c for c in chars if c[1] != " "]
    gray = None
    if visible:
        bitmap = page.render(scale=CHECK_SCALE, may_draw_forms=False, grayscale=True)
        gray = bitmap.to_pil().convert("L")

    under_box = invisible = outside = 0
    shown: list[tuple] = []  # characters drawn in a visible mode and colour
    # Render mode, colour and drawing position belong to the text object, shared by its
    # characters: look each object up once.
    objects: dict[int, tuple[int, int, bool]] = {}
    for char_index, _character, x0, y0, x1, y1 in visible:
        if x1 <= 0 or y1 <= 0 or x0 >= width or y0 >= height:
            outside += 1
            continue
        if not (hidden_text or covers):  # the common page: nothing can hide a character
            shown.append((char_index, _character, x0, y0, x1, y1))
            continue
        text_obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, char_index)
        key = _handle(text_obj)
        info = objects.get(key)
        if info is None:
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(text_obj) if key else 0
            has_fill = key and pdfium_c.FPDFPageObj_GetFillColor(text_obj, *colour)
            clear = (
                bool(has_fill)
                and mode in (0, 2, 4, 6)
                and (a.value == 0 or min(r.value, g.value, b.value) >= 245)
            )
            info = objects[key] = (order.get(key, -1), mode, clear)
        _drawn_at, mode, clear = info
        if mode in (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP):
            if not derivative:
                invisible += 1
            continue
        if clear:  # white or fully transparent fill
            invisible += 1
            continue
        if covers:
            char_area = max(1e-6, (x1 - x0) * (y1 - y0))
            # Drawn over the character, or under it when the character is as dark as the
            # box (black text on a black box): either way the pixels decide. As in x-ray, the
            # part of the box over the character must be one dark colour: visible text on a
            # dark box leaves lighter pixels there.
            hidden_by = next(
                (
                    background
                    for background, cx0, cy0, cx1, cy1 in covers
                    if _overlap(x0, y0, x1, y1, cx0, cy0, cx1, cy1) >= COVERED_SHARE * char_area
                    and _all_dark(
                        gray,
                        max(x0 - GLYPH_MARGIN, cx0),
                        max(y0 - GLYPH_MARGIN, cy0),
                        min(x1 + GLYPH_MARGIN, cx1),
                        min(y1 + GLYPH_MARGIN, cy1),
                    )
                ),
                None,
            )
            if hidden_by is not None:
                if hidden_by:
                    invisible += 1
                else:
                    under_box += 1
                continue
        shown.append((char_index, _character, x0, y0, x1, y1))
    # A visible render mode, yet nothing shows where a word is: clipped away or painted over
    # in white. Judged per word (cheaper than per character, and a word is what leaks).
    words = words_from_chars(chars)
    for word in words if len(shown) == len(visible) else words_from_chars(shown):
        region = _region(gray, word.x0, word.y0, word.x1, word.y1)
        if region is not None and region.getextrema()[0] >= 250:
            invisible += len(word.text)
    if under_box:
        findings.append(
            Finding(
                "TEXT_UNDER_BOX",
                index,
                f"{under_box} character(s) of live text lie under "
                "a filled box or image drawn over them.",
            )
        )
    if invisible or outside:
        findings.append(
            Finding(
                "INVISIBLE_TEXT",
                index,
                f"{invisible + outside} character(s) of text that "
                "does not show (invisible, white or transparent, clipped, or off the "
                "page).",
            )
        )
    textpage.close()
    page.close()
    needs_ocr = derivative or image_area >= 0.02 * page_area
    return words, needs_ocr, findings


def _all_dark(gray, x0, y0, x1, y1) -> bool:
    """One dark colour over the whole region: no glyph shows against the box."""
    region = _region(gray, x0, y0, x1, y1)
    if region is None:
        return False
    low, high = region.getextrema()
    return high <= DARK and high - low <= UNIFORM


def _region(gray, x0, y0, x1, y1):
    if gray is None:
        return None
    cols, rows = gray.size
    top = max(0, int(y0 * CHECK_SCALE))
    bottom = min(rows, int(y1 * CHECK_SCALE + 0.999))
    left = max(0, int(x0 * CHECK_SCALE))
    right = min(cols, int(x1 * CHECK_SCALE + 0.999))
    if bottom - top < 1 or right - left < 1:
        return None
    return gray.crop((left, top, right, bottom))


def _overlap(ax0, ay0, ax1, ay1, bx0, by0, bx1, by1) -> float:
    return max(0.0, min(ax1, bx1) - max(ax0, bx0)) * max(0.0, min(ay1, by1) - max(ay0, by0))
