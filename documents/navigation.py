from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink, StaffQueue
from documents.models import Document, DocumentState
from documents.rules import NEEDS_REDACTION

ITEMS = [
    NavLink(_("Documents"), "documents:staff_queue", frozenset({"staff"}), order=35),
]

QUEUES = [
    StaffQueue(
        _("Documents"),
        "documents:staff_queue",
        _("Documents attorneys allowed CGRS to share, waiting for redaction."),
        lambda: Document.objects.filter(NEEDS_REDACTION).count(),
        order=20,
    ),
    StaffQueue(
        _("Redaction"),
        "documents:staff_queue",
        _(
            "Documents handed to redaction and not yet published: being redacted, waiting for "
            "a second staff member's review, or approved and ready to publish."
        ),
        lambda: Document.objects.filter(state=DocumentState.IN_REDACTION).count(),
        order=21,
        query=f"state={DocumentState.IN_REDACTION.value}",
    ),
]
