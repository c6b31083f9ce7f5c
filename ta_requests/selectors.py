"""Reads of requests for more help that carry rules: who may open which request, the case
record's and My Account's lists, the staff queue in its order with its counts, the digest.
Each list runs a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.models import AuditAction
from audit.services import fetch_audited_or_404
from ta_requests import rules
from ta_requests.business_days import business_days_between
from ta_requests.models import OPEN_STATUSES, RequestStatus, TARequest, TARequestMessage

# Actions whose allowed row the service writes (one row per request, never two).
_WRITES = {AuditAction.UPDATE, AuditAction.CREATE}


def fetch_ta_request(
    request, pk: int, *, action: str = AuditAction.READ, queryset: QuerySet | None = None
) -> TARequest:
    """The request with this id if the signed-in person may open it, else 404. Writes one
    audit row for a read (allowed or denied), or for a refused write."""
    base = queryset if queryset is not None else TARequest.objects.all()
    # SECURITY: the scoped fetch is the authorization: another attorney's request is a 404 (S2).
    return fetch_audited_or_404(
        base.for_user(request.user),
        actor=request.user,
        object_type="ta_request",
        object_id=pk,
        action=action,
        audit_allowed=action not in _WRITES,
    )


def request_page_queryset() -> QuerySet[TARequest]:
    """A request with its conversation, documents and people: a fixed number of queries."""
    return TARequest.objects.select_related(
        "case", "case__procedural_stage", "assigned_to", "requested_by"
    ).prefetch_related(
        Prefetch("messages", queryset=TARequestMessage.objects.select_related("author")),
        "documents",
    )


def case_requests() -> QuerySet[TARequest]:
    """What a case record lists (a prefetch: one query per page), newest first."""
    return TARequest.objects.order_by("-created_at", "-id")


def case_requests_prefetch() -> Prefetch:
    """The case record's requests (registered with cases.extensions): one query."""
    return Prefetch("ta_requests", queryset=case_requests(), to_attr="case_ta_requests")


def requests_for_attorney(user) -> QuerySet[TARequest]:
    """An attorney's own requests, open ones first, newest first."""
    # SECURITY: scoped by owner in the query itself (S2, S20).
    return (
        TARequest.objects.filter(requested_by=user, case__attorney=user)
        .select_related("case")
        .annotate(
            is_open_row=ExpressionWrapper(Q(status__in=OPEN_STATUSES), output_field=BooleanField())
        )
        .order_by("-is_open_row", "-created_at", "-id")
    )


def queue(queryset: QuerySet[TARequest] | None = None, *, today: date) -> QuerySet[TARequest]:
    """The staff queue in its one order: overdue first; then by deadline, soonest first, no
    deadline last; then oldest first; the id last, so the order is always the same."""
    base = queryset if queryset is not None else TARequest.objects.all()
    return (
        base.select_related("case", "case__procedural_stage", "assigned_to")
        .annotate(
            overdue=ExpressionWrapper(rules.overdue_q(today), output_field=BooleanField()),
        )
        .order_by(F("overdue").desc(), F("deadline_on").asc(nulls_last=True), "created_at", "id")
    )


def status_counts() -> dict[str, int]:
    """How many requests are in each status, and how many are overdue: one query."""
    today = timezone.localdate()
    return TARequest.objects.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=rules.overdue_q(today)),
        **{status.value: Count("pk", filter=Q(status=status)) for status in RequestStatus},
    )


def digest_counts(today: date) -> dict[str, int]:
    """The staff digest: new in the last day, overdue, and open with a deadline this week."""
    since = timezone.now() - timedelta(days=1)
    return TARequest.objects.aggregate(
        new=Count("pk", filter=Q(created_at__gte=since)),
        overdue=Count("pk", filter=rules.overdue_q(today)),
        due_this_week=Count(
            "pk",
            filter=Q(
                status__in=OPEN_STATUSES,
                deadline_on__gte=today,
                deadline_on__lte=today + timedelta(days=7),
            ),
        ),
    )


def first_response_text(ta_request: TARequest, today: date) -> str:
    """Where the first-response clock stands, in words (never colour alone)."""
    if ta_request.first_responded_at is not None:
        return _("First response given")
    if ta_request.status == RequestStatus.WAITING:
        return _("Clock paused: waiting for the attorney")
    if ta_request.status not in OPEN_STATUSES:
        return ""
    due = ta_request.first_response_due_on
    if due < today:
        late = business_days_between(due, today)
        return ngettext(
            "Overdue by %(days)s business day", "Overdue by %(days)s business days", late
        ) % {"days": late}
    if due == today:
        return _("First response due today")
    left = business_days_between(today, due)
    return ngettext(
        "First response due in %(days)s business day",
        "First response due in %(days)s business days",
        left,
    ) % {"days": left}


def deadline_text(deadline_on: date | None, today: date) -> str:
    """Days to the attorney's deadline, in words."""
    if deadline_on is None:
        return _("No deadline given")
    days = (deadline_on - today).days
    if days < 0:
        return ngettext("%(days)s day ago", "%(days)s days ago", -days) % {"days": -days}
    if days == 0:
        return _("Today")
    return ngettext("In %(days)s day", "In %(days)s days", days) % {"days": days}


def label(requests, today: date) -> list[TARequest]:
    """Attach the clock and deadline words to each row (no queries)."""
    requests = list(requests)
    for ta_request in requests:
        ta_request.first_response_label = first_response_text(ta_request, today)
        ta_request.deadline_label = deadline_text(ta_request.deadline_on, today)
        ta_request.is_overdue = rules.is_overdue(ta_request, today)
    return requests
