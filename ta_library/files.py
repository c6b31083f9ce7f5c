"""Library files: judged by content, not name (SECURITY S7)."""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cgrs.files import random_file_name
from documents.files import FileRefused, check_bytes

MAX_FILE_BYTES = 50 * 1024 * 1024
# Compendiums of decisions run long; still a bound on what a worker will process.
MAX_PAGES = 2000
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSION_FOR = {PDF: ".pdf", DOCX: ".docx"}


def sniff_content_type(head: bytes, opener) -> str | None:
    """PDF by its header; DOCX by being a zip with word/document.xml. `opener()` returns a
    seekable binary file for the zip check."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(opener()) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


def validate_library_file(uploaded) -> str:
    """The content type of an uploaded PDF or DOCX, or ValidationError with the reason."""
    if uploaded.size > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 50 MB."))
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)

    def opener():
        uploaded.seek(0)
        return io.BytesIO(uploaded.read())

    content_type = sniff_content_type(head, opener)
    uploaded.seek(0)
    if content_type is None:
        raise ValidationError(_("Upload a PDF or a Word (.docx) file."))
    _check_content(uploaded)
    return content_type


def _check_content(uploaded) -> None:
    """The same content check as every other upload (documents.files): encryption, damage,
    page count, polyglots, and active content. Library files are opened by every attorney,
    so JavaScript, launch/open actions and embedded files are refused, not just flagged."""
    uploaded.seek(0)
    data = uploaded.read(MAX_FILE_BYTES + 1)
    uploaded.seek(0)
    try:
        checked = check_bytes(data, max_bytes=MAX_FILE_BYTES, max_pages=MAX_PAGES)
    except FileRefused as refusal:
        raise ValidationError(str(refusal)) from None
    # SECURITY: active content in a file every attorney opens (S7).
    if any(checked.flags.values()):
        raise ValidationError(
            _(
                "This file contains JavaScript, automatic actions, macros or attached files. "
                "Print or save it as a new, plain file and upload that."
            )
        )


def stored_file_name(instance, filename: str) -> str:
    """Where a library file is stored: a random name under the year, whatever the uploader
    called it (SECURITY S7: names can carry client details and path tricks)."""
    extension = EXTENSION_FOR[content_type_of(filename)]
    return random_file_name(f"library/{timezone.now():%Y}", extension)


def content_type_of(name: str) -> str:
    return DOCX if name.lower().endswith(".docx") else PDF
