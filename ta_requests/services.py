"""Every write to requests for more help: ask, reply, withdraw (attorneys); assign, reply,
ask for information, answer, close, decline (staff).

Each service is atomic, locks the request row, writes one audit row with the request's id
(never its text), and enqueues its email through the outbox after commit (ids only), so a
request saved while the broker is down is announced once it is back (SECURITY S12, S13).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_cgrs_staff
from audit.models import AuditAction
from audit.services import audit_record
from cases.models import Case
from cgrs.tasks import enqueue
from documents.models import Document
from ta_requests import rules
from ta_requests.business_days import business_days_between, first_response_due
from ta_requests.models import (
    MAX_DEADLINE_NOTE_LENGTH,
    MAX_TEXT_LENGTH,
    DeadlineKind,
    HelpKind,
    MessageKind,
    RequestStatus,
    TARequest,
    TARequestMessage,
    Urgency,
)

OBJECT_TYPE = "ta_request"


class RequestActionRefused(Exception):
    """Not possible in the request's current status; the message says why."""


class StaffAction:
    REPLY = "reply"
    ASK = "ask"
    ANSWER = "answer"
    CLOSE = "close"
    DECLINE = "decline"


# What each staff action does: the message it writes, the status it leaves, whether it counts
# as the first response (asking for information pauses the clock instead), whether it needs
# text.
@dataclass(frozen=True)
class _StaffStep:
    message_kind: str
    status: str
    responds: bool
    needs_text: bool


STAFF_STEPS = {
    StaffAction.REPLY: _StaffStep(MessageKind.STAFF_REPLY, RequestStatus.IN_PROGRESS, True, True),
    StaffAction.ASK: _StaffStep(
        MessageKind.INFORMATION_REQUESTED, RequestStatus.WAITING, False, True
    ),
    StaffAction.ANSWER: _StaffStep(MessageKind.ANSWER, RequestStatus.ANSWERED, True, True),
    StaffAction.CLOSE: _StaffStep(MessageKind.CLOSING, RequestStatus.CLOSED, True, False),
    StaffAction.DECLINE: _StaffStep(MessageKind.DECLINE, RequestStatus.DECLINED, True, True),
}


def today() -> date:
    return timezone.localdate()


def _clean_text(text: str, *, required_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(required_message)
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            _("Please shorten this to %(max)s characters (it has %(count)s).")
            % {"max": MAX_TEXT_LENGTH, "count": len(text)}
        )
    return text


def _attachable(case: Case, attorney, document_ids: Sequence[int]) -> list[Document]:
    """The attorney's own documents of this case among `document_ids` (others are ignored)."""
    if not document_ids:
        return []
    # SECURITY: only documents the attorney may open, of this very case (S2, S4).
    return list(Document.objects.for_user(attorney).filter(case=case, pk__in=document_ids))


def _audit(actor, ta_request: TARequest, action: str) -> None:
    audit_record(
        actor=actor, object_type=OBJECT_TYPE, object_id=ta_request.pk, action=action, allowed=True
    )


def _locked(ta_request: TARequest) -> TARequest:
    return TARequest.objects.select_for_update().get(pk=ta_request.pk)


def _resume_clock(ta_request: TARequest, on: date) -> None:
    """Leaving "waiting for you": the business days spent waiting move the due day on."""
    if ta_request.waiting_since is None:
        return
    ta_request.paused_business_days += business_days_between(ta_request.waiting_since, on)
    ta_request.first_response_due_on = first_response_due(
        timezone.localdate(ta_request.created_at),
        paused_business_days=ta_request.paused_business_days,
    )
    ta_request.waiting_since = None


def ta_request_create(
    *,
    case: Case,
    attorney,
    kind: str,
    question: str,
    urgency: str,
    submission_token: uuid.UUID,
    deadline_on: date | None = None,
    deadline_kind: str = "",
    deadline_note: str = "",
    document_ids: Sequence[int] = (),
) -> tuple[TARequest, bool]:
    """Ask for more help on one of the attorney's own cases. Returns (request, created);
    the same form submitted twice stores one request and returns it."""
    if case.attorney_id != attorney.pk:
        # SECURITY: views fetch the case scoped to its attorney; this holds for any caller.
        raise ValidationError(_("This is not your case."))
    if kind not in HelpKind.values:
        raise ValidationError(_("Choose the kind of help you need."))
    if urgency not in Urgency.values:
        raise ValidationError(_("Choose how urgent this is."))
    question = _clean_text(question, required_message=_("Tell us what you need."))
    if deadline_on is not None:
        if deadline_on < today():
            raise ValidationError(_("The deadline is in the past. Give the next one ahead."))
        if deadline_kind not in DeadlineKind.values:
            raise ValidationError(_("Say what the deadline is."))
    else:
        deadline_kind, deadline_note = "", ""
    deadline_note = (deadline_note or "").strip()[:MAX_DEADLINE_NOTE_LENGTH]
    existing = TARequest.objects.filter(
        requested_by=attorney, submission_token=submission_token
    ).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            ta_request = TARequest.objects.create(
                case=case,
                requested_by=attorney,
                kind=kind,
                question=question,
                urgency=urgency,
                deadline_on=deadline_on,
                deadline_kind=deadline_kind,
                deadline_note=deadline_note,
                submission_token=submission_token,
                first_response_due_on=first_response_due(today()),
            )
            documents = _attachable(case, attorney, document_ids)
            if documents:
                ta_request.documents.add(*documents)
            _audit(attorney, ta_request, AuditAction.CREATE)
            enqueue("ta_requests.tasks.notify_staff_of_request", ta_request.pk)
    except IntegrityError:
        # A concurrent twin of the same form won the race: that one is the request.
        return TARequest.objects.get(requested_by=attorney, submission_token=submission_token), (
            False
        )
    return ta_request, True


@transaction.atomic
def ta_request_attorney_reply(
    *, ta_request: TARequest, attorney, body: str, document_ids: Sequence[int] = ()
) -> TARequestMessage:
    """The attorney answers: a request waiting for them (or answered) is back with CGRS."""
    ta_request = _locked(ta_request)
    if ta_request.requested_by_id != attorney.pk:
        raise ValidationError(_("This is not your request."))
    if not rules.attorney_may_reply(ta_request):
        raise RequestActionRefused(_("This request is finished; ask for more help anew."))
    body = _clean_text(body, required_message=_("Write your reply."))
    message = TARequestMessage.objects.create(
        request=ta_request, author=attorney, kind=MessageKind.ATTORNEY_REPLY, body=body
    )
    documents = _attachable(ta_request.case, attorney, document_ids)
    if documents:
        ta_request.documents.add(*documents)
    if ta_request.status == RequestStatus.WAITING:
        _resume_clock(ta_request, today())
    if ta_request.status in (RequestStatus.WAITING, RequestStatus.ANSWERED):
        ta_request.status = RequestStatus.IN_PROGRESS
    ta_request.save()
    _audit(attorney, ta_request, AuditAction.UPDATE)
    enqueue("ta_requests.tasks.notify_staff_of_reply", message.pk)
    return message


@transaction.atomic
def ta_request_withdraw(*, ta_request: TARequest, attorney) -> TARequest:
    ta_request = _locked(ta_request)
    if ta_request.requested_by_id != attorney.pk:
        raise ValidationError(_("This is not your request."))
    if not rules.attorney_may_withdraw(ta_request):
        raise RequestActionRefused(_("This request is already finished."))
    ta_request.status = RequestStatus.WITHDRAWN
    ta_request.closed_at = timezone.now()
    ta_request.waiting_since = None
    ta_request.save()
    TARequestMessage.objects.create(
        request=ta_request, author=attorney, kind=MessageKind.WITHDRAWAL, notified_at=timezone.now()
    )
    _audit(attorney, ta_request, AuditAction.UPDATE)
    return ta_request


@transaction.atomic
def ta_request_assign(*, ta_request: TARequest, actor, assignee) -> TARequest:
    """Assign to a colleague (or oneself), or unassign with None. A received request that
    someone takes is in progress."""
    ta_request = _locked(ta_request)
    if assignee is not None and not is_cgrs_staff(assignee):
        raise ValidationError(_("Requests are assigned to CGRS staff only."))
    ta_request.assigned_to = assignee
    if assignee is not None and ta_request.status == RequestStatus.RECEIVED:
        ta_request.status = RequestStatus.IN_PROGRESS
    ta_request.save()
    _audit(actor, ta_request, AuditAction.UPDATE)
    return ta_request


@transaction.atomic
def ta_request_staff_respond(
    *, ta_request: TARequest, actor, action: str, body: str = ""
) -> TARequestMessage:
    """Reply, ask for information (waiting for you), answer, close, or decline with a reason.
    The attorney reads the text and gets an email that says only that there is an update."""
    step = STAFF_STEPS.get(action)
    if step is None:
        raise ValidationError(_("Choose what to do."))
    ta_request = _locked(ta_request)
    if not rules.staff_may_respond(ta_request):
        raise RequestActionRefused(_("This request is finished; nothing can be added."))
    if step.needs_text:
        required = (
            _("Give the reason for declining; the attorney reads it.")
            if action == StaffAction.DECLINE
            else _("Write the message the attorney will read.")
        )
        body = _clean_text(body, required_message=required)
    else:
        body = (body or "").strip()[:MAX_TEXT_LENGTH]
    now = timezone.now()
    if ta_request.status == RequestStatus.WAITING and step.status != RequestStatus.WAITING:
        _resume_clock(ta_request, today())
    if step.status == RequestStatus.WAITING and ta_request.waiting_since is None:
        ta_request.waiting_since = today()
    if step.responds and ta_request.first_responded_at is None:
        ta_request.first_responded_at = now
    if action == StaffAction.DECLINE:
        ta_request.decline_reason = body
    if step.status in rules.FINAL_STATUSES:
        ta_request.closed_at = now
    if ta_request.assigned_to_id is None:
        ta_request.assigned_to = actor
    ta_request.status = step.status
    ta_request.save()
    message = TARequestMessage.objects.create(
        request=ta_request, author=actor, kind=step.message_kind, body=body
    )
    _audit(actor, ta_request, AuditAction.UPDATE)
    enqueue("ta_requests.tasks.notify_attorney_of_update", message.pk)
    return message
