"""A request for more help on a case ("Ask for more help"), its conversation and the case
documents attached to it.

The attorney writes to CGRS about one of their cases instead of emailing; staff work the
requests from a queue ordered by what is most urgent. Nothing here holds a client's name:
the question's help text asks the attorney to leave names and A-numbers out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_cgrs_staff
from cases.models import Case
from documents.models import Document

MAX_TEXT_LENGTH = 4000
MAX_DEADLINE_NOTE_LENGTH = 200


class HelpKind(models.TextChoices):
    LEGAL_RESEARCH = "legal_research", _("Legal research question")
    BRIEF_REVIEW = "brief_review", _("Brief review")
    COUNTRY_CONDITIONS = "country_conditions", _("Country conditions")
    EXPERT_REFERRAL = "expert_referral", _("Expert referral")
    OTHER = "other", _("Other")


class DeadlineKind(models.TextChoices):
    INDIVIDUAL_HEARING = "individual_hearing", _("Individual hearing")
    FILING = "filing", _("Filing deadline")
    BIA_BRIEF = "bia_brief", _("BIA brief")
    PETITION_FOR_REVIEW = "petition_for_review", _("Petition for review")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine: no deadline in the next month")
    SOON = "soon", _("Soon: a deadline in the next few weeks")
    URGENT = "urgent", _("Urgent: a deadline in the next week or two")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for you")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Still with someone: CGRS (received, in progress, answered and maybe followed up) or the
# attorney (waiting). The others are final.
OPEN_STATUSES = (
    RequestStatus.RECEIVED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.WAITING,
    RequestStatus.ANSWERED,
)
# The first-response clock runs only while the request is with CGRS.
CLOCK_RUNNING_STATUSES = (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)


class TARequestQuerySet(models.QuerySet):
    def for_user(self, user) -> TARequestQuerySet:
        """The requests `user` may open: staff every one; an attorney those they asked on
        their own cases; everyone else none."""
        if not user.is_authenticated:
            return self.none()
        if is_cgrs_staff(user):
            return self
        # SECURITY: an attorney reaches only their own requests on their own cases (S2).
        return self.filter(requested_by=user, case__attorney=user)


class TARequest(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ta_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ta_requests"
    )
    kind = models.CharField(max_length=24, choices=HelpKind.choices)
    question = models.TextField(max_length=MAX_TEXT_LENGTH)
    deadline_on = models.DateField(null=True, blank=True)
    deadline_kind = models.CharField(max_length=24, choices=DeadlineKind.choices, blank=True)
    deadline_note = models.CharField(max_length=MAX_DEADLINE_NOTE_LENGTH, blank=True)
    urgency = models.CharField(max_length=16, choices=Urgency.choices)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    # Written by staff for the attorney when declining.
    decline_reason = models.TextField(blank=True, max_length=MAX_TEXT_LENGTH)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_ta_requests",
    )
    # The first-response clock (ta_requests.business_days): due on this day unless answered;
    # moved on by the business days spent waiting for the attorney.
    first_response_due_on = models.DateField()
    first_responded_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateField(null=True, blank=True)
    paused_business_days = models.PositiveIntegerField(default=0)
    # The form's token: the same form submitted twice stores one request.
    submission_token = models.UUIDField(editable=False)
    staff_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    documents = models.ManyToManyField(Document, blank=True, related_name="ta_requests")

    objects = TARequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request for more help")
        verbose_name_plural = _("requests for more help")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "deadline_on", "created_at"], name="ta_request_queue"),
            models.Index(fields=["case", "created_at"], name="ta_request_case"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "submission_token"], name="ta_request_submitted_once"
            ),
            models.CheckConstraint(
                name="ta_request_declined_has_reason",
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
            ),
        ]

    def __str__(self) -> str:
        # No question text: admin breadcrumbs and log lines must not carry it (S11).
        return f"Request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_class(self) -> str:
        return {
            RequestStatus.WAITING: "status-warning",
            RequestStatus.ANSWERED: "status-success",
            RequestStatus.CLOSED: "status-neutral",
            RequestStatus.WITHDRAWN: "status-neutral",
            RequestStatus.DECLINED: "status-warning",
        }.get(self.status, "status-info")


class MessageKind(models.TextChoices):
    QUESTION = "question", _("Question")
    ATTORNEY_REPLY = "attorney_reply", _("Reply from the attorney")
    STAFF_REPLY = "staff_reply", _("Reply from CGRS")
    INFORMATION_REQUESTED = "information_requested", _("CGRS asks for information")
    ANSWER = "answer", _("Answer from CGRS")
    CLOSING = "closing", _("Closed by CGRS")
    DECLINE = "decline", _("Declined by CGRS")
    WITHDRAWAL = "withdrawal", _("Withdrawn by the attorney")


STAFF_MESSAGE_KINDS = (
    MessageKind.STAFF_REPLY,
    MessageKind.INFORMATION_REQUESTED,
    MessageKind.ANSWER,
    MessageKind.CLOSING,
    MessageKind.DECLINE,
)


class TARequestMessage(models.Model):
    """One entry of the conversation (the question itself is on the request)."""

    request = models.ForeignKey(TARequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=24, choices=MessageKind.choices)
    body = models.TextField(max_length=MAX_TEXT_LENGTH, blank=True)
    # The email about this message (to the attorney, or to the staff address) went out.
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Message {self.pk} on request {self.request_id}"

    @property
    def from_staff(self) -> bool:
        return self.kind in STAFF_MESSAGE_KINDS


class StaffDigest(models.Model):
    """One row per day the staff digest went out: a second run the same day sends nothing."""

    sent_on = models.DateField(unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Digest of {self.sent_on}"
