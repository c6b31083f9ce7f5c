"""Generated PDFs for the redaction engine: scanned decisions and one hostile file per finding.

The text decisions themselves come from `documents.samples` (one generator for the whole
project); this module adds what redaction needs on top: a scanned decision (pages as images
only, slightly rotated and noisy, as a copier makes them), a clean redacted-looking decision
that the gate passes, and a file for each finding code of the gate, each of which carries that
one problem and nothing else. The workbench's demo data and the benchmark use the same files.
"""

from __future__ import annotations

import io
import random

import pikepdf
from PIL import Image, ImageFilter

from documents.samples import SampleParties, decision_pdf, encrypted_pdf, javascript_pdf

from .pages import PDFIUM_LOCK, open_pdf, render_page

__all__ = [
    "SampleParties",
    "annotation_pdf",
    "attachment_pdf",
    "clean_decision_pdf",
    "clipped_text_pdf",
    "decision_pdf",
    "encrypted_decision_pdf",
    "form_field_pdf",
    "identifier_in_metadata_pdf",
    "identifier_in_text_pdf",
    "invisible_text_pdf",
    "javascript_decision_pdf",
    "malformed_pdf",
    "revision_pdf",
    "scanned_decision_pdf",
    "text_under_box_pdf",
    "white_text_pdf",
]

# What a decision looks like once redacted by hand: no name, number or date of birth left.
REDACTED_PARTIES = SampleParties(
    respondent="[RESPONDENT]",
    a_number="[redacted]",
    date_of_birth="[redacted]",
    family=("[a family member]",),
    address="[redacted]",
)


def scanned_decision_pdf(
    parties: SampleParties | None = None, *, pages: int = 2, dpi: int = 150, seed: int = 7
) -> bytes:
    """An immigration judge's decision as a copier scans it: image-only pages, slightly
    rotated, with speckle noise, no text layer."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    source = decision_pdf(parties, pages=pages)
    rng = random.Random(seed)  # noqa: S311 - reproducible scan noise, not secrets
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=LETTER, pageCompression=1)
    sheet.setCreator("Scanner")
    with PDFIUM_LOCK:
        document = open_pdf(source)
    try:
        for index in range(len(document)):
            image = render_page(document, index, scale=dpi / 72).convert("L")
            image = _as_scanned(image, rng)
            jpeg = io.BytesIO()
            image.save(jpeg, format="JPEG", quality=70)
            jpeg.seek(0)
            sheet.drawImage(ImageReader(jpeg), 0, 0, width=LETTER[0], height=LETTER[1])
            sheet.showPage()
    finally:
        with PDFIUM_LOCK:
            document.close()
    sheet.save()
    return buffer.getvalue()


def _as_scanned(image: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.uniform(-0.8, 0.8)
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    noise = Image.effect_noise(image.size, 18).point(lambda v: 255 if v > 120 else 235)
    image = Image.composite(image, noise, image.point(lambda v: 255 if v < 200 else 0))
    speckle = image.load()
    width, height = image.size
    for _ in range(width * height // 4000):
        speckle[rng.randrange(width), rng.randrange(height)] = rng.randrange(0, 90)
    return image.filter(ImageFilter.SMOOTH)


def clean_decision_pdf(*, pages: int = 1) -> bytes:
    """A decision already redacted by hand (placeholders, no identifiers): the gate passes it."""
    return _without_info(decision_pdf(REDACTED_PARTIES, pages=pages))


def _without_info(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _with(change, data: bytes | None = None) -> bytes:
    with pikepdf.open(io.BytesIO(data or clean_decision_pdf())) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _page_with(draw) -> bytes:
    """A one-page redacted-looking decision with `draw(canvas)` adding one thing on top."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=LETTER, invariant=1)
    sheet.setFont("Helvetica-Bold", 11)
    for y, line in (
        (740, "UNITED STATES DEPARTMENT OF JUSTICE"),
        (726, "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW"),
        (712, "IMMIGRATION COURT"),
    ):
        sheet.drawCentredString(306, y, line)
    sheet.setFont("Helvetica", 11)
    body = [
        "File No.: [redacted]",
        "IN THE MATTER OF: [RESPONDENT], RESPONDENT",
        "IN REMOVAL PROCEEDINGS",
        "ON BEHALF OF RESPONDENT: [counsel]",
        "DECISION AND ORDER OF THE IMMIGRATION JUDGE",
        "The Court finds the Respondent credible and that the harm she suffered",
        "rises to the level of persecution on account of a protected ground.",
    ]
    for offset, line in enumerate(body):
        sheet.drawString(72, 680 - offset * 16, line)
    draw(sheet)
    sheet.showPage()
    sheet.save()
    return _without_info(buffer.getvalue())


# --- One file per finding code -----------------------------------------------------------------


def text_under_box_pdf() -> bytes:
    """Live text with a black rectangle drawn over it afterwards (the classic failed redaction)."""

    def draw(sheet):
        sheet.setFont("Helvetica", 11)
        sheet.drawString(72, 540, "Her sister testified at the hearing about the threats.")
        sheet.setFillColorRGB(0, 0, 0)
        sheet.rect(70, 536, 300, 14, stroke=0, fill=1)

    return _page_with(draw)


def invisible_text_pdf() -> bytes:
    """Text in render mode 3 (invisible) on an ordinary page."""

    def draw(sheet):
        text = sheet.beginText(72, 540)
        text.setTextRenderMode(3)
        text.setFont("Helvetica", 11)
        text.textLine("The witness lives near the market in the capital.")
        sheet.drawText(text)

    return _page_with(draw)


def white_text_pdf() -> bytes:
    """White text on the white page."""

    def draw(sheet):
        sheet.setFillColorRGB(1, 1, 1)
        sheet.setFont("Helvetica", 11)
        sheet.drawString(72, 540, "The witness lives near the market in the capital.")

    return _page_with(draw)


def clipped_text_pdf() -> bytes:
    """Text in an ordinary colour, clipped away by a clipping path that excludes it."""

    def draw(sheet):
        sheet.saveState()
        path = sheet.beginPath()
        path.rect(400, 100, 10, 10)
        sheet.clipPath(path, stroke=0, fill=0)
        sheet.setFont("Helvetica", 11)
        sheet.drawString(72, 540, "The witness lives near the market in the capital.")
        sheet.restoreState()

    return _page_with(draw)


def identifier_in_text_pdf(parties: SampleParties | None = None) -> bytes:
    """A hand-redacted decision that missed the respondent's A-number in one sentence."""
    parties = parties or SampleParties()

    def draw(sheet):
        sheet.setFont("Helvetica", 11)
        sheet.drawString(72, 540, f"The Respondent's file number is {parties.a_number}.")

    return _page_with(draw)


def identifier_in_metadata_pdf(parties: SampleParties | None = None) -> bytes:
    """A clean-looking decision whose document title still names the respondent."""
    parties = parties or SampleParties()

    def change(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = f"Decision - {parties.respondent}"
        pdf.docinfo["/Title"] = f"Decision - {parties.respondent}"
        pdf.docinfo["/Keywords"] = f"asylum; {parties.a_number}"

    return _with(change)


def annotation_pdf() -> bytes:
    """A Redact annotation marked but never applied: the text is still there underneath."""

    def change(pdf):
        page = pdf.pages[0]
        page.Annots = pdf.make_indirect(
            [
                pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Redact,
                        Rect=[70, 560, 300, 580],
                        IC=[0, 0, 0],
                    )
                )
            ]
        )

    return _with(change)


def form_field_pdf() -> bytes:
    """An AcroForm text field (not placed on a page, so it is a form and not an annotation)."""

    def change(pdf):
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Tx, T=pikepdf.String("notes"), V=pikepdf.String("see file")
            )
        )
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field])

    return _with(change)


def attachment_pdf() -> bytes:
    def change(pdf):
        pdf.attachments["hearing-notes.txt"] = pikepdf.AttachedFileSpec(
            pdf, b"notes from the hearing"
        )

    return _with(change)


def javascript_decision_pdf() -> bytes:
    return javascript_pdf(clean_decision_pdf())


def revision_pdf() -> bytes:
    """A clean decision with an incremental update appended (a second revision, /Prev)."""
    base = clean_decision_pdf()
    with pikepdf.open(io.BytesIO(base)) as pdf:
        size = int(pdf.trailer.Size)
        root = pdf.Root.objgen
    startxref = int(base.rsplit(b"startxref", 1)[1].split()[0])
    offset = len(base)
    update = f"{size} 0 obj\n(updated)\nendobj\n".encode()
    xref_at = offset + len(update)
    xref = (
        f"xref\n{size} 1\n{offset:010d} 00000 n \ntrailer\n"
        f"<< /Size {size + 1} /Root {root[0]} {root[1]} R /Prev {startxref} >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return base + update + xref


def encrypted_decision_pdf() -> bytes:
    return encrypted_pdf(clean_decision_pdf())


def malformed_pdf() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 40
