"""Generated case documents that look like the real ones, for tests and demo data.

`decision_pdf()` writes an immigration judge's decision as EOIR issues it: the caption
(UNITED STATES DEPARTMENT OF JUSTICE / EXECUTIVE OFFICE FOR IMMIGRATION REVIEW / IMMIGRATION
COURT), "IN THE MATTER OF" the respondent with an A-number, "ON BEHALF OF RESPONDENT", the
charge, the decision text and the judge's order. Every name and number is invented
(`SampleParties`), so the identifiers a redaction must find are known to the test that made
the file. `brief_docx()` writes a Word brief the same way.

The hostile files the content check must refuse or flag (encrypted, 0 pages, JavaScript open
action, embedded file, HTML renamed .pdf, over the limits) are here too, so every test and
the redaction checks build them the same way.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import pikepdf

_SURNAMES = ["Quintanilla Ortega", "Batz Tzoc", "Méndez Arriaza", "Cruz Velásquez", "Ajú Sicán"]
_GIVEN = ["Marisol", "Yeni Carolina", "José Armando", "Dilcia", "Wilmer Eduardo"]


@dataclass(frozen=True)
class SampleParties:
    """The invented people and numbers in one generated decision."""

    respondent: str = "Marisol QUINTANILLA ORTEGA"
    a_number: str = "A 201-555-123"
    date_of_birth: str = "March 14, 1991"
    family: tuple[str, ...] = ("Dilcia Quintanilla Ortega",)
    judge: str = "Eleanor R. Whitcombe"
    court: str = "SAN FRANCISCO, CALIFORNIA"
    counsel: str = "Jordan P. Alvarado, Esq."
    address: str = "1458 Calle Los Almendros, Zona 6, Guatemala City"
    country: str = "Guatemala"
    decided_on: date = date(2026, 3, 2)
    decision: str = "granted"  # granted | denied
    extra_identifiers: tuple[str, ...] = field(default=())

    @property
    def identifiers(self) -> list[str]:
        """Every identifying string the document carries (what a redaction must remove)."""
        return [
            self.respondent,
            self.a_number,
            self.date_of_birth,
            self.address,
            *self.family,
            *self.extra_identifiers,
        ]


def sample_parties(seed: int) -> SampleParties:
    """A different invented respondent for each seed (demo data, many-document tests)."""
    given = _GIVEN[seed % len(_GIVEN)]
    surname = _SURNAMES[(seed // len(_GIVEN)) % len(_SURNAMES)]
    number = 201_555_000 + (seed * 7919) % 999
    digits = f"{number:09d}"
    return SampleParties(
        respondent=f"{given} {surname.upper()}",
        a_number=f"A {digits[:3]}-{digits[3:6]}-{digits[6:]}",
        date_of_birth=f"June {1 + seed % 28}, {1980 + seed % 20}",
        family=(f"{_GIVEN[(seed + 2) % len(_GIVEN)]} {surname}",),
        decision="denied" if seed % 2 else "granted",
    )


def _decision_paragraphs(parties: SampleParties, pages: int) -> list[tuple[str, str]]:
    granted = parties.decision == "granted"
    body = [
        ("heading", "I. PROCEDURAL HISTORY"),
        (
            "text",
            f"The Department of Homeland Security served the Respondent, {parties.respondent}, "
            f"a native and citizen of {parties.country}, with a Notice to Appear charging "
            "removability under section 212(a)(6)(A)(i) of the Immigration and Nationality Act. "
            "At a master calendar hearing the Respondent, through counsel, admitted the "
            "factual allegations, conceded the charge, and designated "
            f"{parties.country} as the country of removal.",
        ),
        (
            "text",
            "The Respondent filed a Form I-589, Application for Asylum and for Withholding of "
            "Removal, and sought protection under the Convention Against Torture. The Court "
            "held an individual hearing at which the Respondent testified.",
        ),
        ("heading", "II. EVIDENCE AND TESTIMONY"),
        (
            "text",
            f"The Respondent, born on {parties.date_of_birth}, testified that her former "
            "partner beat her repeatedly over eleven years, that she reported the abuse to the "
            "police three times, and that officers refused to act, calling it a private "
            f"matter. She lived at {parties.address}. Her sister, {parties.family[0]}, "
            "submitted a declaration corroborating the abuse.",
        ),
        (
            "text",
            "The record contains country conditions reports describing high rates of violence "
            "against women and widespread impunity, and a psychological evaluation diagnosing "
            "post-traumatic stress disorder.",
        ),
        ("heading", "III. ANALYSIS"),
        (
            "text",
            "The Court finds the Respondent credible: her testimony was detailed, internally "
            "consistent and consistent with the documentary evidence. The harm she suffered "
            "rises to the level of persecution.",
        ),
        (
            "text",
            (
                "The Court finds that the Respondent's membership in a cognizable particular "
                "social group was at least one central reason for the harm, and that the "
                "government was unable or unwilling to protect her. Relocation is not "
                "reasonable."
            )
            if granted
            else (
                "The Court finds that the Respondent has not established that a protected "
                "ground was at least one central reason for the harm, and that she has not "
                "shown that the government was unable or unwilling to protect her."
            ),
        ),
    ]
    filler = (
        "The Court has considered all of the evidence in the record, whether or not "
        "specifically mentioned in this decision, including the testimony, the declarations, "
        "and the country conditions evidence submitted by both parties."
    )
    # Pad to the requested length with further analysis paragraphs.
    extra = max(0, pages - 2) * 12
    body.extend(("text", filler) for _ in range(extra))
    return body


def decision_pdf(parties: SampleParties | None = None, *, pages: int = 2) -> bytes:
    """An immigration judge's written decision, about `pages` pages long, as a text PDF."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    parties = parties or SampleParties()
    styles = getSampleStyleSheet()
    center = ParagraphStyle("center", parent=styles["Normal"], alignment=1, leading=14)
    center_bold = ParagraphStyle("center_bold", parent=center, fontName="Helvetica-Bold")
    body = ParagraphStyle("body", parent=styles["Normal"], leading=15, spaceAfter=8)
    heading = ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", spaceBefore=6)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=inch,
        bottomMargin=inch,
        title="Decision of the Immigration Judge",
        author="Executive Office for Immigration Review",
    )
    story = [
        Paragraph("UNITED STATES DEPARTMENT OF JUSTICE", center_bold),
        Paragraph("EXECUTIVE OFFICE FOR IMMIGRATION REVIEW", center_bold),
        Paragraph("IMMIGRATION COURT", center_bold),
        Paragraph(parties.court, center),
        Spacer(1, 14),
        Paragraph(f"File No.: {parties.a_number}", body),
        Paragraph(f"Date: {parties.decided_on:%B %-d, %Y}", body),
        Paragraph(f"IN THE MATTER OF: {parties.respondent}, RESPONDENT", body),
        Paragraph("IN REMOVAL PROCEEDINGS", body),
        Paragraph("CHARGE: Section 212(a)(6)(A)(i) of the Immigration and Nationality Act", body),
        Paragraph(
            "APPLICATIONS: Asylum; withholding of removal; protection under the Convention "
            "Against Torture",
            body,
        ),
        Paragraph(f"ON BEHALF OF RESPONDENT: {parties.counsel}", body),
        Paragraph("ON BEHALF OF DHS: Assistant Chief Counsel", body),
        Spacer(1, 10),
        Paragraph("DECISION AND ORDER OF THE IMMIGRATION JUDGE", center_bold),
        Spacer(1, 10),
    ]
    for style, text in _decision_paragraphs(parties, pages):
        story.append(Paragraph(text, heading if style == "heading" else body))
    granted = parties.decision == "granted"
    story += [
        Paragraph("ORDER", heading),
        Paragraph(
            "IT IS HEREBY ORDERED that the Respondent's application for asylum be "
            + ("GRANTED." if granted else "DENIED, and that the Respondent be removed to ")
            + ("" if granted else f"{parties.country}."),
            body,
        ),
        Spacer(1, 18),
        Paragraph(parties.judge, body),
        Paragraph("Immigration Judge", body),
    ]
    document.build(story)
    return buffer.getvalue()


def brief_docx(parties: SampleParties | None = None) -> bytes:
    """A respondent's pre-hearing brief as a Word document."""
    from docx import Document as WordDocument

    parties = parties or SampleParties()
    word = WordDocument()
    word.add_paragraph("UNITED STATES DEPARTMENT OF JUSTICE")
    word.add_paragraph("EXECUTIVE OFFICE FOR IMMIGRATION REVIEW")
    word.add_paragraph("IMMIGRATION COURT")
    word.add_paragraph(f"IN THE MATTER OF: {parties.respondent}   File No.: {parties.a_number}")
    word.add_heading("RESPONDENT'S PRE-HEARING BRIEF IN SUPPORT OF ASYLUM", level=1)
    word.add_paragraph(
        f"The Respondent, a native and citizen of {parties.country} born on "
        f"{parties.date_of_birth}, respectfully submits this brief in support of her "
        "applications for asylum, withholding of removal and protection under the Convention "
        "Against Torture."
    )
    word.add_paragraph(
        "The Respondent is a member of the particular social group of women in her country "
        "who are unable to leave a domestic relationship, and the government was unwilling "
        "or unable to protect her."
    )
    word.add_paragraph(f"Respectfully submitted, {parties.counsel}")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# --- Files the content check must refuse or flag -------------------------------------------


def _rewrite(data: bytes, change, **save_options) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, **save_options)
    return out.getvalue()


def encrypted_pdf(data: bytes | None = None) -> bytes:
    """A decision that opens only with a password."""
    return _rewrite(
        data or decision_pdf(),
        lambda pdf: None,
        encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret", R=6),
    )


def javascript_pdf(data: bytes | None = None) -> bytes:
    """A decision with an /OpenAction that runs JavaScript when opened."""

    def add(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x');"))
        )

    return _rewrite(data or decision_pdf(), add)


def launch_pdf(data: bytes | None = None) -> bytes:
    """A decision whose open action launches a program."""

    def add(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
        )

    return _rewrite(data or decision_pdf(), add)


def embedded_file_pdf(data: bytes | None = None) -> bytes:
    """A decision carrying an attached file."""

    def add(pdf):
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"attached notes")

    return _rewrite(data or decision_pdf(), add)


def zero_page_pdf() -> bytes:
    """A well-formed PDF with no pages."""
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.save(out)
    return out.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    """A PDF of `pages` blank letter-size pages (fast to make at any length)."""
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page(page_size=(612, 792))
        pdf.save(out)
    return out.getvalue()


def oversize_pdf(size_bytes: int) -> bytes:
    """A valid one-page PDF padded past `size_bytes` with an unused stream."""

    def pad(pdf):
        pdf.Root.Padding = pdf.make_stream(b"0" * size_bytes)

    return _rewrite(many_pages_pdf(1), pad, compress_streams=False)


def html_named_pdf() -> bytes:
    """An HTML page, as someone might rename it to .pdf."""
    return (
        b"<!DOCTYPE html><html><head><title>Decision</title></head>"
        b"<body><script>alert(document.cookie)</script><p>IN THE MATTER OF</p></body></html>"
    )


def pdf_zip_polyglot(data: bytes | None = None) -> bytes:
    """A decision with a zip archive appended: a valid PDF and a valid zip at once."""
    archive = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.html", "<script>alert(1)</script>")
    return (data or decision_pdf()) + archive.getvalue()


def damaged_pdf() -> bytes:
    """A PDF header followed by garbage."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 40
