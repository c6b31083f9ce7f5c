"""Checking an uploaded CV: a PDF judged by its content, not its name (SECURITY S7)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from pypdf import PdfReader

from documents.files import FileRefused, check_bytes

CV_MAX_BYTES = 10 * 1024 * 1024
CV_MAX_PAGES = 100
PDF_MAGIC = b"%PDF-"


class CVRejected(Exception):
    """The file is not an acceptable CV; the message says why, for the uploader."""


def check_cv(upload) -> None:
    """Refuse anything but a readable, unencrypted PDF within the size and page limits."""
    if upload.size > CV_MAX_BYTES:
        raise CVRejected(_("The CV is larger than 10 MB. Upload a smaller PDF."))
    if upload.size == 0:
        raise CVRejected(_("The file is empty. Upload your CV as a PDF."))
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise CVRejected(_("This file is not a PDF. Save your CV as a PDF and upload that."))
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise CVRejected(_("This PDF is password-protected. Upload a copy without a password."))
        pages = len(reader.pages)
        if pages:
            reader.pages[0].extract_text()
    except CVRejected:
        raise
    except Exception:
        # pypdf raises many kinds of errors on hostile or damaged files; all mean the same.
        raise CVRejected(
            _("This PDF could not be read; it may be damaged. Save it again and re-upload.")
        ) from None
    finally:
        upload.seek(0)
    if pages == 0:
        raise CVRejected(_("This PDF has no pages."))
    if pages > CV_MAX_PAGES:
        raise CVRejected(
            _("The CV has more than %(max)s pages. Upload a shorter PDF.") % {"max": CV_MAX_PAGES}
        )
    _refuse_active_content(upload)


def _refuse_active_content(upload) -> None:
    """The case documents' content check (documents.files), which finds JavaScript, launch
    and open actions and embedded files anywhere in the file, hostile structure and
    polyglots. A CV is served to attorneys: one carrying any of those is refused."""
    upload.seek(0)
    data = upload.read(CV_MAX_BYTES + 1)
    upload.seek(0)
    try:
        checked = check_bytes(data, max_bytes=CV_MAX_BYTES, max_pages=CV_MAX_PAGES)
    except FileRefused as refusal:
        raise CVRejected(str(refusal)) from None
    # SECURITY: active content in a file attorneys open is an attack on them (S7).
    if any(checked.flags.values()):
        raise CVRejected(
            _(
                "This PDF contains JavaScript, automatic actions or attached files, which we do "
                "not accept. Print or save your CV as a new, plain PDF and upload that."
            )
        )
