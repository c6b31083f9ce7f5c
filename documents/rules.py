"""The sharing rule for case documents, in one place (SECURITY S4).

Every piece of code that would let anyone but the uploader and staff have anything made from a
document (a redacted derivative, a library resource, a search hit, a file URL) asks
`may_share(document)` on a document it read in the same request, or filters with
`SHAREABLE`. The uploader's permission is read fresh on every request, so withdrawing it
(Yes -> No) takes effect on the next one. The redaction and publishing code adds its own
conditions (review approved, gate passed, hash matches) on top of this, never instead of it.
"""

from __future__ import annotations

from django.db.models import Q

from documents.models import Document, DocumentState, SharePermission

# The queryset form of `may_share`: the uploader said Yes, and the document is neither
# withdrawn nor judged not suitable by staff.
SHAREABLE = Q(share_permission=SharePermission.YES) & ~Q(
    state__in=[DocumentState.WITHDRAWN, DocumentState.NOT_SUITABLE]
)


def may_share(document: Document) -> bool:
    """True when CGRS may share something made from this document with other attorneys."""
    return document.share_permission == SharePermission.YES and document.state not in (
        DocumentState.WITHDRAWN,
        DocumentState.NOT_SUITABLE,
    )


def needs_redaction(document: Document) -> bool:
    """Waiting in the staff queue for someone to start redacting it."""
    return may_share(document) and document.state == DocumentState.RECEIVED


# The queue's first group: shareable and not yet handed to redaction.
NEEDS_REDACTION = SHAREABLE & Q(state=DocumentState.RECEIVED)


def may_view_inline(document: Document, user) -> bool:
    """Inline viewing in the browser: PDFs only, never one with active content (it is served
    only as a download), and only to the uploader and staff (the caller has already fetched
    the document through `Document.objects.for_user`)."""
    return document.is_pdf and not document.has_active_content and user.is_authenticated


def may_delete_outright(document: Document) -> bool:
    """Deleting removes the file and the row only while nothing was ever published from it;
    after that, deleting withdraws permission and hides it (staff keep the original)."""
    return not document.ever_published
