"""Documents an attorney uploads for a case: the private original, the attorney's share
permission and where the document stands in CGRS's redaction workflow.

The original is private: it goes to its uploader and to CGRS staff, nobody else, ever
(SECURITY S4). Every URL names a document by its random `public_id`, never by its row id.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_cgrs_staff
from cases.models import Case
from cgrs.files import random_file_name
from outcomes.models import Outcome


def new_public_id() -> str:
    """128 random bits, URL-safe: a document URL cannot be guessed or enumerated."""
    return secrets.token_urlsafe(16)


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    BRIEF = "brief", _("Brief")
    MOTION = "motion", _("Motion")
    DECLARATION = "declaration", _("Declaration")
    OTHER = "other", _("Other")


class SharePermission(models.TextChoices):
    YES = "yes", _("Yes, CGRS may share it after redaction")
    NO = "no", _("No, CGRS must not share it")


class DocumentState(models.TextChoices):
    """Where the document stands in the workflow. "Kept private" is not a state: it is what a
    document whose permission is No shows, whatever its state (see `Document.standing`)."""

    RECEIVED = "received", _("Received")
    IN_REDACTION = "in_redaction", _("Being redacted")
    PUBLISHED = "published", _("Shared as a redacted sample")
    NOT_SUITABLE = "not_suitable", _("Not suitable to share")
    # Deleted by the uploader after something had been published from it: hidden from the
    # uploader, permission No, the original kept for staff.
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (.docx)")


CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be read")
    EXTRACTED = "extracted", _("Text extracted")
    NEEDS_OCR = "needs_ocr", _("No text layer (scan): needs OCR")
    FAILED = "failed", _("Could not be read")


class DocumentQuerySet(models.QuerySet):
    def for_user(self, user) -> DocumentQuerySet:
        """The documents `user` may open: staff every one; an attorney those they uploaded
        to their own cases and have not withdrawn; everyone else none."""
        if not user.is_authenticated:
            return self.none()
        if is_cgrs_staff(user):
            return self
        # SECURITY: an original goes to its uploader and staff only, never another
        # attorney, even one who later holds the case (S4). Withdrawn ones are hidden.
        return self.filter(uploaded_by=user, case__attorney=user).exclude(
            state=DocumentState.WITHDRAWN
        )


def document_file_name(instance, filename: str) -> str:
    """A random name whatever the uploader called the file (SECURITY S7: names carry client
    details and path tricks). The format comes from the content check, not the name."""
    extension = ".docx" if instance.file_format == DocumentFormat.DOCX else ".pdf"
    return random_file_name("documents", extension)


class ActiveContentFlags(models.Model):
    """What a content check found in a PDF that a viewer could run or open. Such a file is
    kept (it is evidence) but flagged for staff and never served inline."""

    has_javascript = models.BooleanField(default=False)
    has_launch_action = models.BooleanField(
        default=False, help_text=_("An open action or launch action that is not a plain jump.")
    )
    has_embedded_files = models.BooleanField(default=False)

    class Meta:
        abstract = True

    @property
    def has_active_content(self) -> bool:
        return self.has_javascript or self.has_launch_action or self.has_embedded_files

    @property
    def active_content_labels(self) -> list[str]:
        labels = []
        if self.has_javascript:
            labels.append(str(_("JavaScript")))
        if self.has_launch_action:
            labels.append(str(_("an automatic or launch action")))
        if self.has_embedded_files:
            labels.append(str(_("embedded files")))
        return labels


class Document(ActiveContentFlags):
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_file_name, max_length=200)
    # Shown to the uploader and staff only; never logged, never in a URL, a task or an email.
    original_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8, choices=DocumentFormat.choices)
    size_bytes = models.PositiveBigIntegerField()
    # Filled by the processing task after commit (None until then, and for most DOCX files).
    page_count = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    # No default: the attorney must choose (the seed's question, asked per document).
    share_permission = models.CharField(max_length=3, choices=SharePermission.choices)
    state = models.CharField(
        max_length=16, choices=DocumentState.choices, default=DocumentState.RECEIVED
    )
    # Written by staff for the attorney to read.
    not_suitable_reason = models.TextField(blank=True)
    text_status = models.CharField(
        max_length=16, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    # Set when a redacted version was first published (the publishing issue); deleting a
    # document after that withdraws and hides it instead.
    first_published_at = models.DateTimeField(null=True, blank=True)
    # The upload form's token: the same form submitted twice stores each file once.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    staff_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    permission_changed_at = models.DateTimeField(null=True, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["case", "created_at"], name="document_case_created"),
            models.Index(fields=["state", "share_permission", "created_at"], name="document_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                name="document_permission_chosen",
                condition=models.Q(share_permission__in=SharePermission.values),
            ),
            # The same file under the same name from the same form is stored once.
            models.UniqueConstraint(
                fields=["case", "submission_token", "sha256", "original_name"],
                name="document_stored_once",
            ),
            # SECURITY: a withdrawn document can never be shareable (S4).
            models.CheckConstraint(
                name="document_withdrawn_not_shared",
                condition=~models.Q(state="withdrawn") | models.Q(share_permission="no"),
            ),
        ]

    def __str__(self) -> str:
        # No file name: admin breadcrumbs and log lines must not carry it (S11).
        return f"Document {self.public_id}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_format]

    @property
    def is_pdf(self) -> bool:
        return self.file_format == DocumentFormat.PDF

    @property
    def shared_permitted(self) -> bool:
        return self.share_permission == SharePermission.YES

    @property
    def standing(self) -> str:
        """Where it stands, in the attorney's words: received, being redacted, shared as a
        redacted sample, not suitable to share, or kept private (permission No)."""
        if self.state == DocumentState.WITHDRAWN:
            return str(DocumentState.WITHDRAWN.label)
        if self.share_permission == SharePermission.NO:
            return str(_("Kept private"))
        return str(DocumentState(self.state).label)

    @property
    def standing_class(self) -> str:
        """The status pill's colour for `standing`."""
        if self.state == DocumentState.WITHDRAWN or self.share_permission == SharePermission.NO:
            return "status-neutral"
        return {
            DocumentState.PUBLISHED: "status-success",
            DocumentState.NOT_SUITABLE: "status-warning",
        }.get(self.state, "status-info")

    @property
    def ever_published(self) -> bool:
        return self.first_published_at is not None or self.state == DocumentState.PUBLISHED


class DocumentText(models.Model):
    """The text layer read from a document after commit, page by page (the redaction
    workbench builds on it). Never logged."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="text")
    pages = ArrayField(models.TextField(), default=list)
    extracted_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Text of document {self.document_id}"


class PendingUpload(ActiveContentFlags):
    """A file that passed the content check on a form that was sent back for another answer.

    Browsers cannot refill a file input, so the accepted file waits here, tied to the form's
    token and its uploader, until the form is submitted again (it then becomes a Document)
    or the sweep removes it (after a day).
    """

    token = models.UUIDField()
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    share_permission = models.CharField(max_length=3, choices=SharePermission.choices)
    file = models.FileField(upload_to=document_file_name, max_length=200)
    original_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8, choices=DocumentFormat.choices)
    size_bytes = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["uploader", "token"], name="pending_upload_form")]

    def __str__(self) -> str:
        return f"Pending upload {self.pk}"
