"""Real files for extraction tests, generated on the spot (reportlab, pypdf, python-docx)."""

from __future__ import annotations

import io

import docx
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def pdf_with_pages(pages: list[str]) -> bytes:
    """A PDF whose page N (1-based) carries the text pages[N-1], wrapped into lines."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for text in pages:
        y = 740
        line = ""
        for word in text.split():
            if len(line) + len(word) > 85:
                pdf.drawString(50, y, line)
                y -= 14
                line = ""
            line = f"{line} {word}".strip()
        if line:
            pdf.drawString(50, y, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_without_text(pages: int = 2) -> bytes:
    """A scan: only drawn shapes, no text layer."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for _ in range(pages):
        for row in range(20):
            pdf.rect(50, 700 - row * 30, 400, 12, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf(text: str = "Confidential country conditions") -> bytes:
    reader = PdfReader(io.BytesIO(pdf_with_pages([text])))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="s3cret-user", owner_password="s3cret-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_with_paragraphs(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
