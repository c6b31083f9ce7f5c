"""Document pages: add documents to a case, a document's page, its file, permission change
and deletion (attorneys); the documents queue and a document's staff page (CGRS staff).

Thin: each view fetches through a scoped selector (which audits the read) and calls a service
to write. Files are streamed only here, after that fetch (SECURITY S4, S7).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from accounts.permissions import role_required
from audit.models import AuditAction
from cases.models import Case
from cases.selectors import fetch_case
from cgrs.files import private_file_response
from documents import rules, selectors, services
from documents.forms import (
    ROWS_ON_ADD_FORM,
    DocumentQueueFilter,
    NotSuitableForm,
    PermissionForm,
    UploadTokenForm,
    document_rows,
)
from documents.models import Document, DocumentState

QUEUE_PER_PAGE = 50


def _token(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def keep_accepted_files(request, *, case, token, rows) -> None:
    """The form goes back for another answer: keep the files that passed the check (the
    browser cannot send them again) and mark their rows as kept."""
    if token is None:
        return
    for form in rows.forms:
        item = form.upload_input()
        if item is None:
            continue
        try:
            form.kept = services.pending_upload_keep(
                case=case, uploader=request.user, token=token, item=item
            )
        except ValidationError:
            continue


def discard_pending(request) -> None:
    ids = [int(value) for value in request.POST.getlist("remove_pending") if value.isdigit()]
    if ids:
        services.pending_uploads_discard(uploader=request.user, pending_ids=ids)


def stored_message(request, results) -> None:
    """What the person is told after documents were stored (upload page and outcome form)."""
    created = sum(1 for result in results if result.created)
    if created:
        messages.success(
            request,
            _("%(count)s document(s) uploaded. You can follow each one on the case record.")
            % {"count": created},
        )
    elif results:
        messages.info(request, _("These documents had already been uploaded."))


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def documents_add(request, number: int):
    """Add documents to one of the attorney's cases, with or without an outcome."""
    action = AuditAction.CREATE if request.method == "POST" else AuditAction.READ
    case = fetch_case(
        request, number, action=action, queryset=Case.objects.prefetch_related("outcomes")
    )
    outcomes = list(case.outcomes.all())
    if request.method == "POST":
        form = UploadTokenForm(request.POST)
        rows = document_rows(request.POST, request.FILES, extra=ROWS_ON_ADD_FORM, outcomes=outcomes)
        discard_pending(request)
        token = _token(request.POST.get("upload_token"))
        pending = selectors.pending_uploads(uploader=request.user, case=case, token=token)
        form_ok, rows_ok = form.is_valid(), rows.is_valid()
        if form_ok and rows_ok and (rows.accepted() or pending):
            try:
                results = services.documents_add(
                    case=case,
                    uploader=request.user,
                    uploads=rows.accepted(),
                    pending=pending,
                    submission_token=token,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                stored_message(request, results)
                return redirect("cases:detail", number=case.number)
        elif form_ok and rows_ok:
            form.add_error(None, _("Choose at least one file to upload."))
        keep_accepted_files(request, case=case, token=token, rows=rows)
        pending = selectors.pending_uploads(uploader=request.user, case=case, token=token)
    else:
        form = UploadTokenForm(initial={"upload_token": uuid.uuid4()})
        rows = document_rows(extra=ROWS_ON_ADD_FORM, outcomes=outcomes)
        pending = []
    return render(
        request,
        "documents/documents_add.html",
        {"case": case, "form": form, "rows": rows, "pending": pending},
    )


@require_safe
@role_required(Role.ATTORNEY)
def document_detail(request, public_id: str):
    """One of the attorney's documents: where it stands, its file, what they can change."""
    document = fetch_document_for_page(request, public_id)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "may_view_inline": rules.may_view_inline(document, request.user),
            "may_delete_outright": rules.may_delete_outright(document),
        },
    )


def fetch_document_for_page(request, public_id: str, *, action: str = AuditAction.READ):
    return selectors.fetch_document(
        request,
        public_id,
        action=action,
        queryset=Document.objects.select_related("case", "outcome"),
    )


def _file_response(request, public_id: str, *, inline: bool):
    # SECURITY: the same scoped fetch as the pages: the uploader and staff only (S4).
    document = selectors.fetch_document(request, public_id, action=AuditAction.DOWNLOAD)
    # SECURITY: never inline for a file with active content, a DOCX, or anyone else (S7).
    if inline and not rules.may_view_inline(document, request.user):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # The download is named by kind and date, not by the uploader's file name (which can
    # carry the client's name into a shared downloads folder or a proxy log).
    kind = slugify(document.get_kind_display())
    filename = (
        f"{kind}-{document.created_at:%Y%m%d}-{document.public_id[:8]}.{document.file_format}"
    )
    response = private_file_response(
        handle, filename=filename, content_type=document.content_type, inline=inline
    )
    if not inline:
        # SECURITY: the file itself may load and run nothing, and nothing may frame it
        # (S10). Inline it keeps cgrs.files.INLINE_CSP: no sandbox, since Chromium refuses
        # to show a PDF in a sandboxed document.
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; frame-ancestors 'none'; sandbox"
        )
    return response


@require_safe
@xframe_options_sameorigin
@role_required(Role.ATTORNEY, Role.STAFF)
def document_file(request, public_id: str):
    """The PDF inline, for the uploader and staff, unless it carries active content."""
    return _file_response(request, public_id, inline=True)


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF)
def document_download(request, public_id: str):
    """The original as a download (Content-Disposition: attachment)."""
    return _file_response(request, public_id, inline=False)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def document_permission(request, public_id: str):
    """Change whether CGRS may share the document; a withdrawal applies at once."""
    action = AuditAction.UPDATE if request.method == "POST" else AuditAction.READ
    document = fetch_document_for_page(request, public_id, action=action)
    if request.method == "POST":
        form = PermissionForm(request.POST)
        if form.is_valid():
            before = document.share_permission
            try:
                document = services.document_permission_change(
                    document=document,
                    actor=request.user,
                    share_permission=form.cleaned_data["share_permission"],
                )
            except services.DocumentActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                if before == document.share_permission:
                    messages.info(request, _("Nothing was changed."))
                elif document.shared_permitted:
                    messages.success(
                        request,
                        _("Thank you: CGRS may now share a redacted version of this document."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Permission withdrawn: CGRS will not share this document, and "
                            "nothing made from it is shared from now on."
                        ),
                    )
                return redirect("documents:detail", public_id=document.public_id)
    else:
        form = PermissionForm(initial={"share_permission": document.share_permission})
    return render(
        request, "documents/document_permission.html", {"document": document, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def document_delete(request, public_id: str):
    """Confirm, then delete (nothing published yet) or withdraw and hide (after publishing);
    the page says which before the attorney confirms."""
    action = AuditAction.DELETE if request.method == "POST" else AuditAction.READ
    document = fetch_document_for_page(request, public_id, action=action)
    if request.method == "POST":
        case_number = document.case.number
        try:
            result = services.document_delete(document=document, actor=request.user)
        except services.DocumentActionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            if result == "deleted":
                messages.success(request, _("The document was deleted."))
            else:
                messages.success(
                    request,
                    _(
                        "The document was withdrawn: CGRS no longer shares anything made "
                        "from it, and it is hidden from your case record. CGRS keeps the "
                        "original, marked withdrawn."
                    ),
                )
        return redirect("cases:detail", number=case_number)
    return render(
        request,
        "documents/document_delete.html",
        {"document": document, "may_delete_outright": rules.may_delete_outright(document)},
    )


# --- Staff -----------------------------------------------------------------------------------


@require_safe
@role_required(Role.STAFF)
def staff_queue(request):
    """Every document: shareable ones waiting for redaction first, oldest first; filters by
    permission, state, kind, country and age; counts per state."""
    filters = DocumentQueueFilter(request.GET, queryset=Document.objects.all())
    queryset = filters.qs if filters.is_valid() else Document.objects.all()
    page = Paginator(selectors.queue_documents(queryset), QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    counts = selectors.queue_counts()
    return render(
        request,
        "documents/staff_queue.html",
        {
            "filters": filters,
            "page_obj": page,
            "counts": counts,
            "state_counts": [(state, counts[state.value]) for state in DocumentState],
            "querystring": query.urlencode(),
        },
    )


def _staff_page(request, document, *, not_suitable_form=None, status=200):
    return render(
        request,
        "documents/staff_document.html",
        {
            "document": document,
            "may_view_inline": rules.may_view_inline(document, request.user),
            "may_share": rules.may_share(document),
            "not_suitable_form": not_suitable_form or NotSuitableForm(),
        },
        status=status,
    )


@require_safe
@role_required(Role.STAFF)
def staff_document(request, public_id: str):
    """A document for staff: its facts, warnings, file, case record, and the decisions."""
    document = selectors.fetch_document(
        request,
        public_id,
        queryset=Document.objects.select_related("case", "outcome", "uploaded_by"),
    )
    return _staff_page(request, document)


@require_POST
@role_required(Role.STAFF)
def staff_not_suitable(request, public_id: str):
    """Mark the document not suitable to share, with a reason the attorney sees."""
    document = selectors.fetch_document(
        request,
        public_id,
        action=AuditAction.UPDATE,
        queryset=Document.objects.select_related("case", "outcome", "uploaded_by"),
    )
    form = NotSuitableForm(request.POST)
    if form.is_valid():
        try:
            services.document_mark_not_suitable(
                document=document, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except (services.DocumentActionRefused, ValidationError) as refusal:
            form.add_error(
                None, refusal.messages[0] if hasattr(refusal, "messages") else str(refusal)
            )
        else:
            messages.success(request, _("Marked not suitable to share; the attorney sees why."))
            return redirect("documents:staff_document", public_id=document.public_id)
    return _staff_page(request, document, not_suitable_form=form, status=400)


@require_POST
@role_required(Role.STAFF)
def staff_send_to_redaction(request, public_id: str):
    """Hand a shareable document to the redaction workbench."""
    document = selectors.fetch_document(request, public_id, action=AuditAction.UPDATE)
    try:
        services.document_send_to_redaction(document=document, actor=request.user)
    except services.DocumentActionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Handed to redaction."))
    return redirect("documents:staff_document", public_id=document.public_id)
