"""Pages of requests for more help: ask, read and reply, withdraw (attorneys); the queue and
a request's staff page with its decisions (CGRS staff).

Thin: each view fetches through a scoped selector (which audits the read) and calls a service
to write.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from accounts.permissions import role_required
from audit.models import AuditAction
from audit.services import audit_record
from cases.models import Case
from cases.selectors import case_record_queryset, cases_for_attorney, fetch_case
from ta_requests import rules, selectors, services
from ta_requests.business_days import FIRST_RESPONSE_BUSINESS_DAYS
from ta_requests.forms import (
    AssignForm,
    AttorneyReplyForm,
    StaffResponseForm,
    TARequestForm,
    TARequestQueueFilter,
)
from ta_requests.models import RequestStatus, TARequest

QUEUE_PER_PAGE = 50


def _error_text(error: Exception) -> str:
    return error.messages[0] if hasattr(error, "messages") else str(error)


@require_safe
@role_required(Role.ATTORNEY)
def choose_case(request):
    """From My Account: pick the case the request is about (a GET form, so it works without
    JavaScript); with a case chosen, go to its form."""
    number = request.GET.get("case", "")
    if number.isdigit():
        return redirect("ta_requests:create", number=int(number))
    cases = list(cases_for_attorney(request.user)[:200])
    return render(request, "ta_requests/choose_case.html", {"cases": cases})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def request_create(request, number: int):
    """Ask for more help on one of the attorney's cases."""
    action = AuditAction.CREATE if request.method == "POST" else AuditAction.READ
    case = fetch_case(
        request, number, action=action, queryset=Case.objects.prefetch_related("deadlines")
    )
    if request.method == "POST":
        form = TARequestForm(request.POST, case=case, attorney=request.user)
        if form.is_valid():
            try:
                ta_request, created = services.ta_request_create(
                    case=case, attorney=request.user, **form.request_answers()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if created:
                    messages.success(
                        request,
                        _(
                            "Your request was sent to CGRS. You will get an email when there "
                            "is an update."
                        ),
                    )
                else:
                    messages.info(request, _("This request had already been sent."))
                return redirect("ta_requests:detail", pk=ta_request.pk)
    else:
        form = TARequestForm(
            case=case, attorney=request.user, initial={"submission_token": uuid.uuid4()}
        )
    return render(
        request,
        "ta_requests/request_form.html",
        {"case": case, "form": form, "first_response_days": FIRST_RESPONSE_BUSINESS_DAYS},
        status=400 if form.is_bound else 200,
    )


def _attorney_page(request, ta_request, *, reply_form=None, status=200):
    today = timezone.localdate()
    selectors.label([ta_request], today)
    return render(
        request,
        "ta_requests/request_detail.html",
        {
            "ta_request": ta_request,
            "case": ta_request.case,
            "reply_form": reply_form
            or AttorneyReplyForm(case=ta_request.case, attorney=request.user),
            "may_reply": rules.attorney_may_reply(ta_request),
            "may_withdraw": rules.attorney_may_withdraw(ta_request),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def request_detail(request, pk: int):
    """One of the attorney's requests: its status, the conversation, a reply form."""
    action = AuditAction.UPDATE if request.method == "POST" else AuditAction.READ
    ta_request = selectors.fetch_ta_request(
        request, pk, action=action, queryset=selectors.request_page_queryset()
    )
    if request.method != "POST":
        return _attorney_page(request, ta_request)
    form = AttorneyReplyForm(request.POST, case=ta_request.case, attorney=request.user)
    if form.is_valid():
        try:
            services.ta_request_attorney_reply(
                ta_request=ta_request,
                attorney=request.user,
                body=form.cleaned_data["body"],
                document_ids=[document.pk for document in form.cleaned_data["documents"]],
            )
        except (ValidationError, services.RequestActionRefused) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Your reply was sent to CGRS."))
            return redirect("ta_requests:detail", pk=ta_request.pk)
    return _attorney_page(request, ta_request, reply_form=form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def request_withdraw(request, pk: int):
    """Confirm, then withdraw: CGRS stops working on it."""
    action = AuditAction.UPDATE if request.method == "POST" else AuditAction.READ
    ta_request = selectors.fetch_ta_request(
        request, pk, action=action, queryset=TARequest.objects.select_related("case")
    )
    if request.method == "POST":
        try:
            services.ta_request_withdraw(ta_request=ta_request, attorney=request.user)
        except (ValidationError, services.RequestActionRefused) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your request was withdrawn."))
        return redirect("ta_requests:detail", pk=ta_request.pk)
    return render(
        request,
        "ta_requests/request_withdraw.html",
        {"ta_request": ta_request, "may_withdraw": rules.attorney_may_withdraw(ta_request)},
    )


# --- Staff -----------------------------------------------------------------------------------


@require_safe
@role_required(Role.STAFF)
def staff_queue(request):
    """Every request: overdue first, then by deadline (none last), then oldest first;
    filters by status, kind, assignee, country and stage; counts per status."""
    today = timezone.localdate()
    filters = TARequestQueueFilter(request.GET, queryset=TARequest.objects.all())
    queryset = filters.qs if filters.is_valid() else TARequest.objects.all()
    page = Paginator(selectors.queue(queryset, today=today), QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.label(page.object_list, today)
    query = request.GET.copy()
    query.pop("page", None)
    counts = selectors.status_counts()
    return render(
        request,
        "ta_requests/staff_queue.html",
        {
            "filters": filters,
            "page_obj": page,
            "counts": counts,
            "status_counts": [(status, counts[status.value]) for status in RequestStatus],
            "querystring": query.urlencode(),
        },
    )


def _staff_page(request, ta_request, *, response_form=None, assign_form=None, status=200):
    today = timezone.localdate()
    selectors.label([ta_request], today)
    case = case_record_queryset(Case.objects.filter(pk=ta_request.case_id)).get()
    # The page shows the case record too: that read is audited as the case page's is (S12).
    audit_record(
        actor=request.user,
        object_type="case",
        object_id=case.number,
        action=AuditAction.READ,
        allowed=True,
    )
    return render(
        request,
        "ta_requests/staff_detail.html",
        {
            "ta_request": ta_request,
            "case": case,
            "response_form": response_form or StaffResponseForm(),
            "assign_form": assign_form
            or AssignForm(initial={"assignee": ta_request.assigned_to_id}),
            "may_respond": rules.staff_may_respond(ta_request),
        },
        status=status,
    )


@require_safe
@role_required(Role.STAFF)
def staff_detail(request, pk: int):
    """A request with its case record, outcomes and documents, and the decisions."""
    ta_request = selectors.fetch_ta_request(request, pk, queryset=selectors.request_page_queryset())
    return _staff_page(request, ta_request)


@require_POST
@role_required(Role.STAFF)
def staff_respond(request, pk: int):
    ta_request = selectors.fetch_ta_request(
        request, pk, action=AuditAction.UPDATE, queryset=selectors.request_page_queryset()
    )
    form = StaffResponseForm(request.POST)
    if form.is_valid():
        try:
            services.ta_request_staff_respond(
                ta_request=ta_request,
                actor=request.user,
                action=form.cleaned_data["action"],
                body=form.cleaned_data["body"],
            )
        except (ValidationError, services.RequestActionRefused) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Saved; the attorney is told there is an update."))
            return redirect("ta_requests:staff_detail", pk=ta_request.pk)
    return _staff_page(request, ta_request, response_form=form, status=400)


@require_POST
@role_required(Role.STAFF)
def staff_assign(request, pk: int):
    ta_request = selectors.fetch_ta_request(
        request, pk, action=AuditAction.UPDATE, queryset=selectors.request_page_queryset()
    )
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.ta_request_assign(
                ta_request=ta_request, actor=request.user, assignee=form.cleaned_data["assignee"]
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Assignment saved."))
            return redirect("ta_requests:staff_detail", pk=ta_request.pk)
    return _staff_page(request, ta_request, assign_form=form, status=400)
