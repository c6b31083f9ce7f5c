"""The content check every case-document upload goes through (SECURITY S7).

One function, `check_document`, judges a file by its bytes, never by its name or the type the
browser sent: a PDF (header at byte 0, opened by qpdf through pikepdf) or a Word .docx (a zip
holding word/document.xml). It refuses, with a message the uploader can act on, files that are
too large, empty, of another type, encrypted, damaged, without pages, over the page limit, or
that are two formats at once (polyglots). PDFs carrying JavaScript, launch/open actions or
embedded files are accepted (they can be evidence) but flagged: staff are warned and the file
is never served inline.

Nothing here logs the file name or content.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

import pikepdf
from django.utils.translation import gettext as _

from documents.models import DocumentFormat

MAX_BYTES = 25 * 1024 * 1024
MAX_PAGES = 300
# A .docx is a zip: refuse archives that would expand past this (zip bombs).
MAX_DOCX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_DOCX_ENTRIES = 5000

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# A zip's end-of-central-directory record sits in the last 64 KiB + 22 bytes of the file.
_ZIP_END = b"PK\x05\x06"
_ZIP_TAIL = 65536 + 22
_HTML_MARKERS = re.compile(rb"<\s*(?:!doctype\s+html|html|script|body|iframe|svg)\b", re.I)


class FileRefused(Exception):
    """The file cannot be accepted; the message says why, in words for the uploader."""


@dataclass(frozen=True)
class CheckedFile:
    file_format: str
    size_bytes: int
    sha256: str
    # Pages counted by the check (for the limit); the processing task records the count.
    page_count: int | None
    has_javascript: bool = False
    has_launch_action: bool = False
    has_embedded_files: bool = False

    @property
    def flags(self) -> dict[str, bool]:
        return {
            "has_javascript": self.has_javascript,
            "has_launch_action": self.has_launch_action,
            "has_embedded_files": self.has_embedded_files,
        }


def read_upload(upload) -> bytes:
    """The whole upload (at most 25 MB plus one byte: more is refused unread)."""
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    return data


def check_document(upload) -> CheckedFile:
    """Judge an uploaded file (a Django UploadedFile or any binary file object)."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise FileRefused(_("The file is larger than 25 MB. Upload a smaller file."))
    return check_bytes(read_upload(upload))


def check_bytes(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES
) -> CheckedFile:
    """The one content check for uploaded PDFs and .docx files. Case documents use the
    defaults; expert CVs and TA Library files pass their own size and page limits."""
    if len(data) > max_bytes:
        raise FileRefused(
            _("The file is larger than %(mb)s MB. Upload a smaller file.")
            % {"mb": max_bytes // (1024 * 1024)}
        )
    if not data:
        raise FileRefused(_("The file is empty."))
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(PDF_MAGIC):
        return _check_pdf(data, digest, max_pages)
    if data.startswith(ZIP_MAGIC):
        return _check_docx(data, digest, max_pages)
    raise FileRefused(
        _(
            "This file is not a PDF or a Word (.docx) document, whatever its name says. "
            "Save it as PDF or .docx and upload that."
        )
    )


def _polyglot(message_kind: str) -> FileRefused:
    return FileRefused(
        _(
            "This file is a %(kind)s that also contains another kind of file, which we do not "
            "accept for safety. Print it to a new PDF (or save a new .docx) and upload that."
        )
        % {"kind": message_kind}
    )


def _check_pdf(data: bytes, digest: str, max_pages: int = MAX_PAGES) -> CheckedFile:
    # SECURITY: a PDF that is also a zip or HTML (a polyglot) could be handled as the other
    # type by a browser or a tool downstream; refuse it outright.
    if _HTML_MARKERS.search(data[:4096]) or _is_zip_too(data):
        raise _polyglot("PDF")
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise FileRefused(
            _("This PDF is password-protected. Upload a copy without a password.")
        ) from None
    except Exception:
        # qpdf raises many kinds of errors on damaged or hostile files; all mean the same.
        raise FileRefused(
            _("This PDF could not be read; it may be damaged. Save or print it again and upload.")
        ) from None
    with pdf:
        if pdf.is_encrypted:
            raise FileRefused(
                _("This PDF is encrypted. Remove the password or restrictions and upload again.")
            )
        try:
            pages = len(pdf.pages)
            flags = _active_content(pdf)
        except Exception:
            raise FileRefused(
                _(
                    "This PDF could not be read; it may be damaged. Save or print it again "
                    "and upload."
                )
            ) from None
    if pages == 0:
        raise FileRefused(_("This PDF has no pages."))
    if pages > max_pages:
        raise FileRefused(
            _("This PDF has %(pages)s pages; the limit is %(max)s. Split it and upload the parts.")
            % {"pages": pages, "max": max_pages}
        )
    return CheckedFile(
        file_format=DocumentFormat.PDF,
        size_bytes=len(data),
        sha256=digest,
        page_count=pages,
        **flags,
    )


def _is_zip_too(data: bytes) -> bool:
    """True when an unzipper would also read these bytes as an archive with members."""
    if _ZIP_END not in data[-_ZIP_TAIL:]:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _active_content(pdf: pikepdf.Pdf) -> dict[str, bool]:
    """JavaScript, launch actions and non-jump open actions, embedded files: anywhere in the
    file, not only where a viewer looks first (a hostile file hides them in annotations)."""
    found = {"has_javascript": False, "has_launch_action": False, "has_embedded_files": False}
    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            found["has_javascript"] = True
        if "/EmbeddedFiles" in names:
            found["has_embedded_files"] = True
    open_action = root.get("/OpenAction")
    if isinstance(open_action, pikepdf.Dictionary) and open_action.get("/S") != pikepdf.Name.GoTo:
        found["has_launch_action"] = True
    if "/AA" in root:
        found["has_launch_action"] = True
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        subtype = obj.get("/S")
        if subtype == pikepdf.Name.JavaScript or "/JS" in obj:
            found["has_javascript"] = True
        if subtype in (pikepdf.Name.Launch, pikepdf.Name.ImportData):
            found["has_launch_action"] = True
        kind = obj.get("/Type")
        if kind == pikepdf.Name.EmbeddedFile or (kind == pikepdf.Name.Filespec and "/EF" in obj):
            found["has_embedded_files"] = True
        if all(found.values()):
            break
    return found


def _check_docx(data: bytes, digest: str, max_pages: int = MAX_PAGES) -> CheckedFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(
            _("This file is not a PDF or a Word (.docx) document, or it is damaged.")
        ) from None
    with archive:
        entries = archive.infolist()
        names = {entry.filename for entry in entries}
        if "word/document.xml" not in names:
            raise FileRefused(
                _(
                    "This file is not a PDF or a Word (.docx) document, whatever its name "
                    "says. Save it as PDF or .docx and upload that."
                )
            )
        if any(entry.flag_bits & 0x1 for entry in entries):
            raise FileRefused(
                _("This Word document is password-protected. Upload a copy without a password.")
            )
        if len(entries) > MAX_DOCX_ENTRIES or (
            sum(entry.file_size for entry in entries) > MAX_DOCX_EXPANDED_BYTES
        ):
            raise FileRefused(_("This Word document is too large once unpacked."))
        # SECURITY: a zip whose members name paths outside itself, or that also carries a
        # PDF or HTML page in front, is not a plain Word document.
        if any(name.startswith("/") or ".." in name.split("/") for name in names):
            raise _polyglot(_("Word document"))
        if PDF_MAGIC in data[:1024] or _HTML_MARKERS.search(data[:1024]):
            raise _polyglot(_("Word document"))
        try:
            bad = archive.testzip()
        except Exception:
            bad = "unreadable"
        if bad is not None:
            raise FileRefused(
                _("This Word document could not be read; it may be damaged. Save it again.")
            )
        pages = _docx_pages(archive)
        has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
        has_embedded = any(name.startswith("word/embeddings/") for name in names)
    if pages is not None and pages > max_pages:
        raise FileRefused(
            _(
                "This document has %(pages)s pages; the limit is %(max)s. Split it and "
                "upload the parts."
            )
            % {"pages": pages, "max": max_pages}
        )
    return CheckedFile(
        file_format=DocumentFormat.DOCX,
        size_bytes=len(data),
        sha256=digest,
        page_count=pages,
        has_launch_action=has_macros,
        has_embedded_files=has_embedded,
    )


def _docx_pages(archive: zipfile.ZipFile) -> int | None:
    """The page count Word saved in docProps/app.xml, when it did (python-docx does not)."""
    try:
        app = archive.read("docProps/app.xml")
    except KeyError:
        return None
    match = re.search(rb"<(?:\w+:)?Pages>(\d+)</", app)
    return int(match.group(1)) if match else None
