"""The private redaction record of a case document, and what staff decide on it.

One `Redaction` per document: the identifiers staff entered and the page text (both
encrypted at rest, deleted when the sample is published or withdrawn), the proposals of the
assisted detection with staff's accept/reject, the boxes staff drew, the regenerated
derivative with its SHA-256, the gate's result on those exact bytes, the redactor and the
second staff member who reviewed it, and the progress of the slow steps (Celery tasks).

Coordinates are PDF points with the origin at the top-left of the page (the engine's
contract, redaction/engine/types.py); page_index is 0-based.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cgrs.files import random_file_name
from documents.models import Document


class RedactionState(models.TextChoices):
    DETECTING = "detecting", _("Finding identifiers")
    REDACTING = "redacting", _("Being redacted")
    BUILDING = "building", _("Building the redacted file")
    CHECKING = "checking", _("Checking the redacted file")
    AWAITING_REVIEW = "awaiting_review", _("Awaiting a second staff member's review")
    APPROVED = "approved", _("Approved, ready to publish")
    PUBLISHED = "published", _("Published to the TA Library")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the boxes may change (anything later would be built from other boxes).
EDITABLE_STATES = (RedactionState.REDACTING,)
# States whose derivative passed the gate and awaits or has had review.
REVIEWED_STATES = (RedactionState.APPROVED, RedactionState.PUBLISHED)


def derivative_file_name(instance, filename: str) -> str:
    # SECURITY: a random name; nothing of the document or its case (S7).
    return random_file_name("redactions", ".pdf")


class Redaction(models.Model):
    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="redaction")
    state = models.CharField(
        max_length=16, choices=RedactionState.choices, default=RedactionState.REDACTING
    )
    # SECURITY: encrypted JSON (redaction.crypto); never logged, never in a task argument;
    # emptied on publishing and on withdrawal.
    identifiers_sealed = models.BinaryField(default=b"", editable=False)
    # The page text with word positions (text layer or OCR), for whole line and every
    # occurrence; encrypted the same way and emptied at the same moments.
    pages_sealed = models.BinaryField(default=b"", editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    # [[width, height], ...] in points, per page (not private: sizes only).
    page_sizes = models.JSONField(default=list, blank=True)
    redactor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The regenerated file (never the original's bytes) and its hash, set together.
    derivative = models.FileField(upload_to=derivative_file_name, max_length=200, blank=True)
    derivative_sha256 = models.CharField(max_length=64, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    # The gate's verdict and the hash of the exact bytes it read.
    check_passed = models.BooleanField(null=True, blank=True)
    check_sha256 = models.CharField(max_length=64, blank=True)
    # Codes and page numbers only: the gate's detail text may quote an identifier.
    check_findings = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    # What the running task is doing, updated in place ("OCR: page 12 of 30").
    progress_label = models.CharField(max_length=120, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # A short, generic reason the last task failed (never file content).
    task_error = models.CharField(max_length=300, blank=True)
    # Written by staff for the library card.
    title = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    resource = models.OneToOneField(
        "ta_library.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="redaction",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["state", "updated_at"], name="redaction_state")]
        constraints = [
            # SECURITY: two people (S4): the reviewer is never the redactor, and a review
            # needs a redactor to compare with.
            models.CheckConstraint(
                name="redaction_reviewer_not_redactor",
                condition=Q(reviewer__isnull=True)
                | (Q(redactor__isnull=False) & ~Q(reviewer=F("redactor"))),
            ),
            # SECURITY: approved or published only with a reviewer, and only when the gate
            # passed on the very bytes stored as the derivative (S5, S6).
            models.CheckConstraint(
                name="redaction_approved_checked",
                condition=~Q(state__in=["approved", "published"])
                | (
                    # (NULL-safe: an unchecked record is refused, not let through.)
                    Q(reviewer__isnull=False, approved_at__isnull=False)
                    & Q(check_passed__isnull=False, check_passed=True)
                    & ~Q(derivative_sha256="")
                    & Q(check_sha256=F("derivative_sha256"))
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Redaction of document {self.document_id}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_busy(self) -> bool:
        return self.state in (
            RedactionState.DETECTING,
            RedactionState.BUILDING,
            RedactionState.CHECKING,
        )

    @property
    def findings_shown(self) -> list[dict]:
        """The check's findings with a label and a 1-based page, for the workbench."""
        return [
            {
                "code": finding.get("code", ""),
                "label": FINDING_LABELS.get(finding.get("code", ""), finding.get("code", "")),
                "page": None if finding.get("page") is None else finding["page"] + 1,
            }
            for finding in self.check_findings
        ]

    def page_size(self, page_index: int) -> tuple[float, float]:
        """The page's size in points (US Letter until detection has measured it)."""
        if 0 <= page_index < len(self.page_sizes):
            width, height = self.page_sizes[page_index]
            return float(width), float(height)
        return 612.0, 792.0

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


# What each gate finding means, for the workbench (codes: redaction/engine/gate.py).
FINDING_LABELS = {
    "TEXT_UNDER_BOX": _("Live text under a filled box"),
    "INVISIBLE_TEXT": _("Hidden or invisible text"),
    "IDENTIFIER_IN_TEXT": _("An identifier is still readable"),
    "IDENTIFIER_IN_METADATA": _("An identifier in the file's metadata"),
    "ANNOTATION": _("An annotation"),
    "FORM_FIELD": _("A form field"),
    "ATTACHMENT": _("An embedded file"),
    "ACTION": _("A script or action"),
    "REVISION": _("More than one saved revision"),
    "ENCRYPTED": _("The file is encrypted"),
    "MALFORMED": _("The file is damaged"),
    "OCR_UNAVAILABLE": _("A page could not be read by OCR"),
    "HASH_MISMATCH": _("The stored file changed after it was built"),
}


class Box(models.Model):
    """Coordinates on one page, shared by proposals and staff boxes."""

    page_index = models.PositiveIntegerField()
    x0 = models.FloatField()
    y0 = models.FloatField()
    x1 = models.FloatField()
    y1 = models.FloatField()

    class Meta:
        abstract = True

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


class ProposalDecision(models.TextChoices):
    PENDING = "pending", _("Not decided")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Proposal(Box):
    """A box the assisted detection proposed, with its reason ("A-number", "Caption:
    respondent name"). The text under it is not stored: the page image shows it."""

    redaction = models.ForeignKey(Redaction, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=16)
    reason = models.CharField(max_length=120)
    decision = models.CharField(
        max_length=8, choices=ProposalDecision.choices, default=ProposalDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["page_index", "y0", "x0", "id"]
        indexes = [models.Index(fields=["redaction", "page_index"], name="proposal_page")]
        constraints = [
            models.CheckConstraint(
                name="proposal_box_ordered", condition=Q(x1__gt=F("x0")) & Q(y1__gt=F("y0"))
            )
        ]

    def __str__(self) -> str:
        return f"Proposal {self.pk} on page {self.page_index + 1}"


class BoxSource(models.TextChoices):
    DRAWN = "drawn", _("Drawn")
    LINE = "line", _("Whole line")
    PAGE = "page", _("Whole page")
    OCCURRENCE = "occurrence", _("Every occurrence")


class StaffBox(Box):
    """A box staff added: drawn with the mouse or keyboard, a whole line, a whole page, or
    one occurrence of a term (the term itself is not stored)."""

    redaction = models.ForeignKey(Redaction, on_delete=models.CASCADE, related_name="boxes")
    source = models.CharField(max_length=12, choices=BoxSource.choices, default=BoxSource.DRAWN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["page_index", "y0", "x0", "id"]
        indexes = [models.Index(fields=["redaction", "page_index"], name="staffbox_page")]
        constraints = [
            models.CheckConstraint(
                name="staffbox_box_ordered", condition=Q(x1__gt=F("x0")) & Q(y1__gt=F("y0"))
            )
        ]

    def __str__(self) -> str:
        return f"Box {self.pk} on page {self.page_index + 1}"
