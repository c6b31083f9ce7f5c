"""The rules of a request for more help, each in one place: what "overdue" means, what the
queue's order is, and what the attorney and staff may do in each status."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from ta_requests.models import CLOCK_RUNNING_STATUSES, OPEN_STATUSES, RequestStatus, TARequest


def overdue_q(today: date) -> Q:
    """A first response is owed and its day has passed (the clock is paused while waiting
    for the attorney, so a waiting request is never overdue)."""
    return Q(
        first_responded_at__isnull=True,
        status__in=CLOCK_RUNNING_STATUSES,
        first_response_due_on__lt=today,
    )


def is_overdue(ta_request: TARequest, today: date) -> bool:
    return (
        ta_request.first_responded_at is None
        and ta_request.status in CLOCK_RUNNING_STATUSES
        and ta_request.first_response_due_on < today
    )


def attorney_may_reply(ta_request: TARequest) -> bool:
    return ta_request.status in OPEN_STATUSES


def attorney_may_withdraw(ta_request: TARequest) -> bool:
    return ta_request.status in OPEN_STATUSES


def staff_may_respond(ta_request: TARequest) -> bool:
    """Staff reply, ask, answer, close or decline while the request is open."""
    return ta_request.status in OPEN_STATUSES


FINAL_STATUSES = (RequestStatus.CLOSED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN)
