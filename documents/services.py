"""Every write to case documents: upload, permission change, deletion, staff decisions.

Each service is atomic and writes exactly one audit row per document it touches (SECURITY
S12), with the document's public id and never its name or content. Files are written through
Django's storage API (a private folder locally, a private bucket in production) under random
names; a file written by a transaction that then fails is removed at once, and anything a
crash leaves behind is removed by `sweep_orphaned_files` (a periodic task).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction
from audit.services import audit_record
from cases.models import Case
from cgrs.tasks import enqueue
from documents import extensions, rules
from documents.files import CheckedFile, check_document, read_upload
from documents.models import (
    Document,
    DocumentKind,
    DocumentState,
    DocumentText,
    PendingUpload,
    SharePermission,
    TextStatus,
)
from outcomes.models import Outcome

logger = logging.getLogger(__name__)

OBJECT_TYPE = "document"
MAX_NAME_LENGTH = 255
MAX_REASON_LENGTH = 2000
# Pending uploads of a form nobody came back to, and files no row points at, are removed
# after these ages (the second leaves time for the transaction that wrote the file).
PENDING_UPLOAD_MAX_AGE = timedelta(days=1)
ORPHAN_MIN_AGE = timedelta(hours=1)
STORAGE_FOLDER = "documents"


class DocumentActionRefused(Exception):
    """The change is not possible in the document's current state; the message says why."""


@dataclass(frozen=True)
class UploadInput:
    """One file from a form, already through the content check."""

    upload: object  # a Django UploadedFile (or any binary file object)
    checked: CheckedFile
    original_name: str
    kind: str
    share_permission: str
    # The outcome of the same case it belongs to, if any (checked by the service).
    outcome_id: int | None = None


@dataclass(frozen=True)
class DocumentUploaded:
    document: Document
    # False when the same form had already stored this file: `document` is that one.
    created: bool = True


def clean_original_name(name: str) -> str:
    """Only the last path part, printable, at most 255 characters (names like
    `../../x.pdf` or with control characters are shown as what they are, never used as a
    path: the stored name is random)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or "document")[:MAX_NAME_LENGTH]


def _validate_choices(*, kind: str, share_permission: str) -> None:
    if kind not in DocumentKind.values:
        raise ValidationError(_("Choose what kind of document this is."))
    # SECURITY: no default; an unanswered permission is never read as Yes (or No).
    if share_permission not in SharePermission.values:
        raise ValidationError(_("Choose whether CGRS may share this document."))


@contextmanager
def _files_removed_on_error() -> Iterator[list[str]]:
    """Collects the storage names written inside; if anything inside raises (including the
    commit of a transaction opened inside), removes them before the error goes on."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            _delete_stored(name)
        raise


def _delete_stored(name: str) -> None:
    try:
        default_storage.delete(name)
    except OSError:
        # The sweep will retry; log the random storage name only.
        logger.warning("could not delete stored document file %s", name)


def _delete_after_commit(name: str) -> None:
    transaction.on_commit(lambda: _delete_stored(name))


def _store_upload(
    *,
    case: Case,
    uploader,
    item: UploadInput,
    outcome: Outcome | None,
    submission_token: uuid.UUID | None,
    written: list[str],
) -> DocumentUploaded:
    checked = item.checked
    original_name = clean_original_name(item.original_name)
    if outcome is None and item.outcome_id is not None:
        outcome = _outcome_of_case(case, item.outcome_id)
    if submission_token is not None:
        # SECURITY/double submission: the same form sends the same file once.
        existing = Document.objects.filter(
            case=case,
            submission_token=submission_token,
            sha256=checked.sha256,
            original_name=original_name,
        ).first()
        if existing is not None:
            return DocumentUploaded(existing, created=False)
    document = Document(
        case=case,
        outcome=outcome,
        uploaded_by=uploader,
        kind=item.kind,
        original_name=original_name,
        file_format=checked.file_format,
        size_bytes=checked.size_bytes,
        sha256=checked.sha256,
        share_permission=item.share_permission,
        submission_token=submission_token,
        **checked.flags,
    )
    data = read_upload(item.upload)
    document.file.save("upload", ContentFile(data), save=False)
    written.append(document.file.name)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # A concurrent submission of the same form stored it first.
        existing = Document.objects.filter(
            case=case,
            submission_token=submission_token,
            sha256=checked.sha256,
            original_name=original_name,
        ).first()
        if submission_token is None or existing is None:
            raise
        # The file just written is nobody's: remove it now rather than leave it to the sweep.
        written.remove(document.file.name)
        _delete_stored(document.file.name)
        return DocumentUploaded(existing, created=False)
    _after_create(document, uploader)
    return DocumentUploaded(document)


def _outcome_of_case(case: Case, outcome_id: int) -> Outcome:
    # SECURITY: only an outcome of the same case (an id from another case is refused).
    outcome = Outcome.objects.filter(pk=outcome_id, case=case).first()
    if outcome is None:
        raise ValidationError(_("That outcome belongs to another case."))
    return outcome


def _after_create(document: Document, uploader) -> None:
    audit_record(
        actor=uploader,
        object_type=OBJECT_TYPE,
        object_id=document.public_id,
        action=AuditAction.CREATE,
        allowed=True,
    )
    enqueue("documents.tasks.process_document", document.pk)
    if rules.needs_redaction(document):
        enqueue("documents.tasks.notify_staff_of_new_document", document.pk)


def _claim_pending(
    *,
    case: Case,
    uploader,
    pending: PendingUpload,
    outcome: Outcome | None,
    submission_token: uuid.UUID | None,
) -> DocumentUploaded:
    """Turn a file kept from an earlier try of the same form into a document (same stored
    file, no copy)."""
    document = Document.objects.create(
        case=case,
        outcome=outcome or pending.outcome,
        uploaded_by=uploader,
        kind=pending.kind,
        original_name=pending.original_name,
        file_format=pending.file_format,
        size_bytes=pending.size_bytes,
        sha256=pending.sha256,
        share_permission=pending.share_permission,
        submission_token=submission_token,
        file=pending.file.name,
        has_javascript=pending.has_javascript,
        has_launch_action=pending.has_launch_action,
        has_embedded_files=pending.has_embedded_files,
    )
    pending.delete()
    _after_create(document, uploader)
    return DocumentUploaded(document)


def _store_all(
    *,
    case: Case,
    uploader,
    uploads: Sequence[UploadInput],
    pending: Sequence[PendingUpload],
    outcome: Outcome | None,
    submission_token: uuid.UUID | None,
    written: list[str],
) -> list[DocumentUploaded]:
    results = []
    for item in pending:
        if item.case_id != case.pk or item.uploader_id != uploader.pk:
            # SECURITY: only the uploader's own pending files of this case (S2).
            raise DocumentActionRefused(_("This upload belongs to another form."))
        results.append(
            _claim_pending(
                case=case,
                uploader=uploader,
                pending=item,
                outcome=outcome,
                submission_token=submission_token,
            )
        )
    for item in uploads:
        _validate_choices(kind=item.kind, share_permission=item.share_permission)
        results.append(
            _store_upload(
                case=case,
                uploader=uploader,
                item=item,
                outcome=outcome,
                submission_token=submission_token,
                written=written,
            )
        )
    return results


def document_upload(
    *,
    case: Case,
    uploader,
    file,
    original_name: str,
    kind: str,
    share_permission: str,
    outcome: Outcome | None = None,
    submission_token: uuid.UUID | None = None,
    checked: CheckedFile | None = None,
) -> DocumentUploaded:
    """Store one document for a case, after the content check (run here unless the caller
    already ran it on this very file). Raises `files.FileRefused` or ValidationError.

    The processing task (page count, text) and, for a shareable document, the staff notice
    are enqueued through the outbox after commit.
    """
    _validate_choices(kind=kind, share_permission=share_permission)
    if outcome is not None and outcome.case_id != case.pk:
        raise ValidationError(_("That outcome belongs to another case."))
    item = UploadInput(
        upload=file,
        checked=checked or check_document(file),
        original_name=original_name,
        kind=kind,
        share_permission=share_permission,
    )
    with _files_removed_on_error() as written, transaction.atomic():
        return _store_upload(
            case=case,
            uploader=uploader,
            item=item,
            outcome=outcome,
            submission_token=submission_token,
            written=written,
        )


def documents_add(
    *,
    case: Case,
    uploader,
    uploads: Sequence[UploadInput],
    pending: Sequence[PendingUpload] = (),
    outcome: Outcome | None = None,
    submission_token: uuid.UUID | None = None,
) -> list[DocumentUploaded]:
    """Store several checked files (and files kept from an earlier try of the same form) for
    a case, all or none."""
    if outcome is not None and outcome.case_id != case.pk:
        raise ValidationError(_("That outcome belongs to another case."))
    with _files_removed_on_error() as written, transaction.atomic():
        return _store_all(
            case=case,
            uploader=uploader,
            uploads=uploads,
            pending=pending,
            outcome=outcome,
            submission_token=submission_token,
            written=written,
        )


def outcome_report_with_documents(
    *,
    case: Case,
    reporter,
    answers: dict,
    uploads: Sequence[UploadInput],
    pending: Sequence[PendingUpload] = (),
):
    """Record an outcome and its documents in one transaction: both or neither.

    The outcome form's token is also the documents' token, so the same form submitted twice
    finds the outcome it made and stores no file twice.
    """
    from outcomes.services import outcome_create

    with _files_removed_on_error() as written, transaction.atomic():
        reported = outcome_create(case=case, reporter=reporter, **answers)
        documents = _store_all(
            case=case,
            uploader=reporter,
            uploads=uploads,
            pending=pending,
            outcome=reported.outcome,
            submission_token=answers.get("submission_token"),
            written=written,
        )
    return reported, documents


# --- Files kept while a form is sent back --------------------------------------------------


def pending_upload_keep(
    *, case: Case, uploader, token: uuid.UUID, item: UploadInput
) -> PendingUpload:
    """Keep an accepted file of a form that must be answered again (the browser cannot
    re-send it). The same file for the same form is kept once."""
    _validate_choices(kind=item.kind, share_permission=item.share_permission)
    checked = item.checked
    existing = PendingUpload.objects.filter(
        uploader=uploader,
        case=case,
        token=token,
        sha256=checked.sha256,
        original_name=clean_original_name(item.original_name),
    ).first()
    if existing is not None:
        return existing
    pending = PendingUpload(
        token=token,
        uploader=uploader,
        case=case,
        outcome=_outcome_of_case(case, item.outcome_id) if item.outcome_id else None,
        kind=item.kind,
        share_permission=item.share_permission,
        original_name=clean_original_name(item.original_name),
        file_format=checked.file_format,
        size_bytes=checked.size_bytes,
        sha256=checked.sha256,
        **checked.flags,
    )
    with _files_removed_on_error() as written, transaction.atomic():
        pending.file.save("upload", ContentFile(read_upload(item.upload)), save=False)
        written.append(pending.file.name)
        pending.save()
    return pending


def pending_uploads_discard(*, uploader, pending_ids: Sequence[int]) -> int:
    """Remove kept files the uploader took off the form."""
    with transaction.atomic():
        rows = list(PendingUpload.objects.filter(uploader=uploader, pk__in=pending_ids))
        for row in rows:
            _delete_after_commit(row.file.name)
            row.delete()
    return len(rows)


# --- Changes to a stored document ----------------------------------------------------------


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


def _audit(actor, document: Document, action: str) -> None:
    audit_record(
        actor=actor,
        object_type=OBJECT_TYPE,
        object_id=document.public_id,
        action=action,
        allowed=True,
    )


def _withdraw_shared_versions(document: Document, actor=None) -> None:
    """Take back whatever was shared from this document, in the caller's transaction.

    The redaction record is withdrawn and its published sample leaves the library at once
    (redaction.services, registered in documents.extensions); what is served from a
    document is also gated on every request (`rules.may_share`,
    `redaction.rules.may_serve_sample`).
    """
    extensions.shared_versions_withdrawn(document, actor)
    if document.state in (DocumentState.IN_REDACTION, DocumentState.PUBLISHED):
        document.state = DocumentState.RECEIVED
        document.state_changed_at = timezone.now()


def document_permission_change(*, document: Document, actor, share_permission: str) -> Document:
    """The uploader changes whether CGRS may share the document.

    Yes -> No takes effect in this transaction: a document being redacted or published goes
    back to "received" (shown as "kept private") and nothing made from it is served any more.
    No -> Yes puts it in the staff queue and tells staff a document is waiting.
    """
    if share_permission not in SharePermission.values:
        raise ValidationError(_("Choose whether CGRS may share this document."))
    with transaction.atomic():
        locked = _locked(document)
        if locked.state == DocumentState.WITHDRAWN:
            raise DocumentActionRefused(_("This document was withdrawn."))
        previous = locked.share_permission
        if previous != share_permission:
            locked.share_permission = share_permission
            locked.permission_changed_at = timezone.now()
            fields = ["share_permission", "permission_changed_at", "updated_at"]
            if share_permission == SharePermission.NO:
                _withdraw_shared_versions(locked, actor)
                fields += ["state", "state_changed_at"]
            else:
                locked.staff_notified_at = None
                fields.append("staff_notified_at")
            locked.save(update_fields=fields)
            if rules.needs_redaction(locked):
                enqueue("documents.tasks.notify_staff_of_new_document", locked.pk)
        _audit(actor, locked, AuditAction.UPDATE)
    return locked


def document_delete(*, document: Document, actor) -> str:
    """The uploader deletes a document: removed with its file while nothing was ever
    published from it ("deleted"); after that, withdrawn and hidden from the uploader with
    permission No, the original kept for staff ("withdrawn")."""
    with transaction.atomic():
        locked = _locked(document)
        if locked.state == DocumentState.WITHDRAWN:
            raise DocumentActionRefused(_("This document was already withdrawn."))
        _audit(actor, locked, AuditAction.DELETE)
        if rules.may_delete_outright(locked):
            _delete_after_commit(locked.file.name)
            locked.delete()
            return "deleted"
        _withdraw_shared_versions(locked, actor)
        locked.share_permission = SharePermission.NO
        locked.state = DocumentState.WITHDRAWN
        now = timezone.now()
        locked.permission_changed_at = now
        locked.state_changed_at = now
        locked.save(
            update_fields=[
                "share_permission",
                "state",
                "permission_changed_at",
                "state_changed_at",
                "updated_at",
            ]
        )
    return "withdrawn"


def document_mark_not_suitable(*, document: Document, actor, reason: str) -> Document:
    """Staff judge a document not suitable to share; the attorney sees the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why, for the attorney who uploaded it."))
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(max)s characters.") % {"max": MAX_REASON_LENGTH}
        )
    with transaction.atomic():
        locked = _locked(document)
        if locked.state not in (DocumentState.RECEIVED, DocumentState.IN_REDACTION):
            raise DocumentActionRefused(
                _("Only a received document or one being redacted can be marked not suitable.")
            )
        _withdraw_shared_versions(locked, actor)
        locked.state = DocumentState.NOT_SUITABLE
        locked.not_suitable_reason = reason
        locked.state_changed_at = timezone.now()
        locked.save(
            update_fields=["state", "not_suitable_reason", "state_changed_at", "updated_at"]
        )
        _audit(actor, locked, AuditAction.UPDATE)
    return locked


def document_send_to_redaction(*, document: Document, actor) -> Document:
    """Staff hand a shareable document to the redaction workbench."""
    with transaction.atomic():
        locked = _locked(document)
        if locked.share_permission != SharePermission.YES:
            raise DocumentActionRefused(
                _("The attorney has not allowed CGRS to share this document.")
            )
        if locked.state not in (DocumentState.RECEIVED, DocumentState.NOT_SUITABLE):
            raise DocumentActionRefused(_("This document is already past that step."))
        locked.state = DocumentState.IN_REDACTION
        locked.not_suitable_reason = ""
        locked.state_changed_at = timezone.now()
        locked.save(
            update_fields=["state", "not_suitable_reason", "state_changed_at", "updated_at"]
        )
        _audit(actor, locked, AuditAction.UPDATE)
    return locked


# --- Work done after commit (called by the tasks) ------------------------------------------


def document_process(document_id: int) -> str | None:
    """Count the pages and read the text layer. Idempotent: a second run rewrites the same
    values. Returns the text status, or None when the document is gone."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return None
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        Document.objects.filter(pk=document_id).update(text_status=TextStatus.FAILED)
        return TextStatus.FAILED
    result = extensions.read_text(data, "document." + document.file_format)
    if result.status == "extracted":
        status = TextStatus.EXTRACTED
    elif result.status == "needs_ocr":
        status = TextStatus.NEEDS_OCR
    else:
        status = TextStatus.FAILED
    page_count = result.page_count if document.is_pdf else None
    if page_count is None:
        page_count = document.page_count or _counted_pages(data)
    with transaction.atomic():
        DocumentText.objects.update_or_create(document=document, defaults={"pages": result.pages})
        Document.objects.filter(pk=document_id).update(page_count=page_count, text_status=status)
    return status


def _counted_pages(data: bytes) -> int | None:
    from documents.files import FileRefused, check_bytes

    try:
        return check_bytes(data).page_count
    except FileRefused:
        return None


def sweep_orphaned_files(*, now=None) -> dict[str, int]:
    """Remove pending uploads nobody came back to, and stored files no row points at (left
    by a crash between writing the file and committing the row)."""
    now = now or timezone.now()
    stale = PendingUpload.objects.filter(created_at__lt=now - PENDING_UPLOAD_MAX_AGE)
    pending_removed = 0
    for row in stale:
        _delete_stored(row.file.name)
        row.delete()
        pending_removed += 1
    try:
        _, names = default_storage.listdir(STORAGE_FOLDER)
    except FileNotFoundError:
        names = []
    stored = {f"{STORAGE_FOLDER}/{name}" for name in names}
    referenced = set(Document.objects.filter(file__in=stored).values_list("file", flat=True)) | set(
        PendingUpload.objects.filter(file__in=stored).values_list("file", flat=True)
    )
    orphans_removed = 0
    for name in sorted(stored - referenced):
        try:
            modified = default_storage.get_modified_time(name)
        except (FileNotFoundError, NotImplementedError):
            continue
        if modified > now - ORPHAN_MIN_AGE:
            continue  # maybe a transaction still in progress
        _delete_stored(name)
        orphans_removed += 1
    return {"pending": pending_removed, "orphans": orphans_removed}
