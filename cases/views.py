"""Case pages: intake, confirmation, record, edit, the attorney's list and the staff views.

Thin: each view parses the request, fetches through a scoped selector (which audits the
read) and calls a service to write.
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from accounts.permissions import role_required
from audit.models import AuditAction
from cases import extensions
from cases.forms import DEADLINE_ROWS_EXTRA_ON_EDIT, CaseForm, CaseIntakeForm, deadline_formset
from cases.models import AlertFrequency, Case
from cases.selectors import (
    case_record_queryset,
    cases_for_attorney,
    cases_for_staff,
    fetch_case,
    label_latest_outcomes,
)
from cases.services import (
    CaseNumbersExhausted,
    case_close,
    case_create,
    case_number_usage,
    case_reopen,
    case_update,
)

CASES_PER_PAGE = 25
STAFF_CASES_PER_PAGE = 50


def _after_intake(case) -> str:
    """Where a submitted intake leads: the outcome form first if an outcome was rendered and
    none is reported yet, else the confirmation page with the case number."""
    if case.outcome_rendered and not case.outcomes.exists():
        return reverse("outcomes:create", args=[case.number]) + "?from=intake"
    return reverse("cases:submitted", args=[case.number])


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def case_intake(request):
    """The case intake form. A resubmission of the same form leads to the case it created."""
    usage = case_number_usage()
    if request.method == "POST":
        form = CaseIntakeForm(request.POST)
        deadlines = deadline_formset(data=request.POST)
        if form.is_valid() and deadlines.is_valid():
            try:
                case, created = case_create(
                    attorney=request.user,
                    intake_token=form.cleaned_data["intake_token"],
                    deadlines=deadlines.deadlines(),
                    **form.intake_answers(),
                )
            except CaseNumbersExhausted:
                form.add_error(None, _("No case numbers are left, so the intake cannot be saved."))
            else:
                if created:
                    messages.success(
                        request,
                        _("Your case intake was submitted. Your CGRS case number is %(number)s.")
                        % {"number": case.number},
                    )
                else:
                    messages.info(
                        request,
                        _(
                            "This intake was already submitted as case %(number)s. To change "
                            "it, use Edit on the case record."
                        )
                        % {"number": case.number},
                    )
                return redirect(_after_intake(case))
    else:
        form = CaseIntakeForm(initial={"intake_token": uuid.uuid4()})
        deadlines = deadline_formset()
    return render(
        request,
        "cases/case_intake.html",
        {"form": form, "deadlines": deadlines, "numbers_exhausted": usage.exhausted},
    )


@require_safe
@role_required(Role.ATTORNEY)
def case_submitted(request, number: int):
    """Confirmation: the new case number and where to go next."""
    case = fetch_case(request, number)
    return render(request, "cases/case_submitted.html", {"case": case})


@require_safe
@role_required(Role.ATTORNEY)
def case_detail(request, number: int):
    """The case record: the intake answers, outcomes in date order, and the edit history."""
    case = fetch_case(request, number, queryset=case_record_queryset(Case.objects.all()))
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "staff_view": False,
            "alert_choices": AlertFrequency.choices,
            **extensions.case_page_context(case),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def case_edit(request, number: int):
    """Edit the intake; the change applies at once and the history keeps the old values."""
    action = AuditAction.UPDATE if request.method == "POST" else AuditAction.READ
    case = fetch_case(
        request,
        number,
        action=action,
        queryset=Case.objects.all().prefetch_related(
            "persecution_types", "protection_types", "deadlines"
        ),
    )
    existing_deadlines = list(case.deadlines.all())
    if request.method == "POST":
        form = CaseForm(request.POST)
        deadlines = deadline_formset(
            data=request.POST, deadlines=existing_deadlines, extra=DEADLINE_ROWS_EXTRA_ON_EDIT
        )
        if form.is_valid() and deadlines.is_valid():
            change = case_update(
                case=case,
                editor=request.user,
                deadlines=deadlines.deadlines(),
                **form.intake_answers(),
            )
            if change is None:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("Your changes were saved."))
            return redirect("cases:detail", number=case.number)
    else:
        form = CaseForm(initial=CaseForm.initial_for(case))
        deadlines = deadline_formset(
            deadlines=existing_deadlines, extra=DEADLINE_ROWS_EXTRA_ON_EDIT
        )
    return render(
        request, "cases/case_edit.html", {"case": case, "form": form, "deadlines": deadlines}
    )


@require_safe
@role_required(Role.ATTORNEY)
def case_list(request):
    """My cases: every case the attorney submitted, paginated."""
    page = Paginator(cases_for_attorney(request.user), CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "cases/case_list.html",
        {"page_obj": page, "cases": label_latest_outcomes(page.object_list)},
    )


@require_safe
@role_required(Role.STAFF)
def staff_case_list(request):
    """Every case, read-only, for CGRS staff; warns when case numbers are running out."""
    usage = case_number_usage()
    page = Paginator(cases_for_staff(), STAFF_CASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/staff_case_list.html",
        {"page_obj": page, "cases": label_latest_outcomes(page.object_list), "usage": usage},
    )


@require_safe
@role_required(Role.STAFF)
def staff_case_detail(request, number: int):
    """Any case's record, read-only, for CGRS staff (audited like every read)."""
    case = fetch_case(
        request, number, queryset=case_record_queryset(Case.objects.all()), owner_only=False
    )
    return render(
        request,
        "cases/case_detail.html",
        {"case": case, "staff_view": True, **extensions.case_page_context(case)},
    )


@require_POST
@role_required(Role.ATTORNEY)
def case_close_view(request, number: int):
    """The attorney marks the case closed: its alerts stop at once."""
    # SECURITY: the owner-scoped fetch is the authorization (another attorney's case: 404).
    case = fetch_case(request, number, action=AuditAction.UPDATE)
    if case_close(case=case, changed_by=request.user):
        messages.success(request, _("Case closed. It sends no more alerts."))
    return redirect("cases:detail", number=case.number)


@require_POST
@role_required(Role.ATTORNEY)
def case_reopen_view(request, number: int):
    case = fetch_case(request, number, action=AuditAction.UPDATE)
    if case_reopen(case=case, changed_by=request.user):
        messages.success(request, _("Case reopened."))
    return redirect("cases:detail", number=case.number)
