"""Reads of case documents that carry rules: who may open which document, the case record's
list, the staff queue with its counts. Each list runs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from audit.models import AuditAction
from audit.services import fetch_audited_or_404
from documents import rules
from documents.models import Document, DocumentState, PendingUpload, SharePermission

# Actions whose allowed row the service writes (one row per request, never two).
_WRITES = {AuditAction.UPDATE, AuditAction.DELETE, AuditAction.CREATE}


def fetch_document(
    request,
    public_id: str,
    *,
    action: str = AuditAction.READ,
    queryset: QuerySet[Document] | None = None,
) -> Document:
    """The document with this public id if the signed-in person may open it, else 404.

    Writes exactly one audit row per call for a read or download, allowed or denied; for a
    write, only a denial (the service records the allowed change). Call it once per request.
    """
    base = queryset if queryset is not None else Document.objects.all()
    # SECURITY: the scoped fetch is the authorization: another attorney's document, a
    # withdrawn one, or a guessed id is a 404 (S2, S4).
    return fetch_audited_or_404(
        base.for_user(request.user),
        actor=request.user,
        object_type="document",
        object_id=public_id,
        action=action,
        audit_allowed=action not in _WRITES,
        public_id=public_id[:32],
    )


def case_documents() -> QuerySet[Document]:
    """What a case record lists: its documents, withdrawn ones hidden (staff find those in
    the queue), with their outcomes, oldest first. Used as a prefetch: one query per page."""
    return (
        Document.objects.exclude(state=DocumentState.WITHDRAWN)
        .select_related("outcome")
        .order_by("created_at", "id")
    )


def case_documents_prefetch() -> Prefetch:
    """The case record's documents (registered with cases.extensions): one query."""
    return Prefetch("documents", queryset=case_documents(), to_attr="case_documents")


def pending_uploads(*, uploader, case, token) -> list[PendingUpload]:
    if token is None:
        return []
    # SECURITY: the uploader's own kept files for this case and form only.
    return list(PendingUpload.objects.filter(uploader=uploader, case=case, token=token))


def queue_documents(queryset: QuerySet[Document] | None = None) -> QuerySet[Document]:
    """The staff queue: shareable documents waiting for redaction first, then everything
    else; oldest first within each group."""
    base = queryset if queryset is not None else Document.objects.all()
    return (
        base.select_related("case")
        .annotate(
            waiting=When_(
                When(rules.NEEDS_REDACTION, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "created_at", "id")
    )


def queue_counts() -> dict:
    """How many documents are in each state, how many are kept private and how many wait for
    redaction: one query."""
    counts = Document.objects.aggregate(
        total=Count("pk"),
        waiting=Count("pk", filter=rules.NEEDS_REDACTION),
        kept_private=Count(
            "pk",
            filter=Q(share_permission=SharePermission.NO) & ~Q(state=DocumentState.WITHDRAWN),
        ),
        **{state.value: Count("pk", filter=Q(state=state)) for state in DocumentState},
    )
    return counts
