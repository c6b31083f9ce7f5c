"""Real files for library tests."""

import io

from reportlab.pdfgen import canvas


def pdf_bytes(text: str = "Particular social group: a practice advisory.", pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(pages):
        pdf.drawString(72, 720, f"{text} (page {number + 1})")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_bytes(text: str = "Sample motion to reopen.") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
