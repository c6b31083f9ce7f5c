from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink, StaffQueue
from documents.models import Document
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
]
